/// The JSON Schema draft-04 meta-schema, which `$ref: "http://json-schema.org/draft-04/schema#"`
/// resolves to without any network access.
///
/// It states, as a schema, what draft 4 allows each keyword to hold: counts are non-negative
/// integers, `type` is a simple type name or a non-empty array of unique names, schema arrays are
/// non-empty, `exclusiveMaximum` needs `maximum`, and so on.
enum DraftFourMetaSchema {
    /// The meta-schema's URI without the empty fragment that its `id` carries.
    static let uri = "http://json-schema.org/draft-04/schema"

    /// The meta-schema as a value.
    static let schema: JSONValue = {
        do {
            return try JSONParser().parse(text)
        } catch {
            preconditionFailure("the built-in draft-04 meta-schema must be valid JSON: \(error)")
        }
    }()

    private static let text = """
        {
          "id": "http://json-schema.org/draft-04/schema#",
          "$schema": "http://json-schema.org/draft-04/schema#",
          "description": "JSON Schema draft 04: the schema that every draft-04 schema matches",
          "type": "object",
          "definitions": {
            "schemaArray": {"type": "array", "minItems": 1, "items": {"$ref": "#"}},
            "positiveInteger": {"type": "integer", "minimum": 0},
            "positiveIntegerDefault0": {"allOf": [{"$ref": "#/definitions/positiveInteger"}, {"default": 0}]},
            "simpleTypes": {"enum": ["array", "boolean", "integer", "null", "number", "object", "string"]},
            "stringArray": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true}
          },
          "properties": {
            "id": {"type": "string"},
            "$schema": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "default": {},

            "type": {
              "anyOf": [
                {"$ref": "#/definitions/simpleTypes"},
                {"type": "array", "items": {"$ref": "#/definitions/simpleTypes"}, "minItems": 1, "uniqueItems": true}
              ]
            },
            "enum": {"type": "array", "minItems": 1, "uniqueItems": true},
            "format": {"type": "string"},

            "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
            "minimum": {"type": "number"},
            "exclusiveMinimum": {"type": "boolean", "default": false},
            "maximum": {"type": "number"},
            "exclusiveMaximum": {"type": "boolean", "default": false},

            "minLength": {"$ref": "#/definitions/positiveIntegerDefault0"},
            "maxLength": {"$ref": "#/definitions/positiveInteger"},
            "pattern": {"type": "string", "format": "regex"},

            "items": {"anyOf": [{"$ref": "#"}, {"$ref": "#/definitions/schemaArray"}], "default": {}},
            "additionalItems": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}], "default": {}},
            "minItems": {"$ref": "#/definitions/positiveIntegerDefault0"},
            "maxItems": {"$ref": "#/definitions/positiveInteger"},
            "uniqueItems": {"type": "boolean", "default": false},

            "properties": {"type": "object", "additionalProperties": {"$ref": "#"}, "default": {}},
            "patternProperties": {"type": "object", "additionalProperties": {"$ref": "#"}, "default": {}},
            "additionalProperties": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}], "default": {}},
            "required": {"$ref": "#/definitions/stringArray"},
            "dependencies": {
              "type": "object",
              "additionalProperties": {"anyOf": [{"$ref": "#"}, {"$ref": "#/definitions/stringArray"}]}
            },
            "minProperties": {"$ref": "#/definitions/positiveIntegerDefault0"},
            "maxProperties": {"$ref": "#/definitions/positiveInteger"},
            "definitions": {"type": "object", "additionalProperties": {"$ref": "#"}, "default": {}},

            "allOf": {"$ref": "#/definitions/schemaArray"},
            "anyOf": {"$ref": "#/definitions/schemaArray"},
            "oneOf": {"$ref": "#/definitions/schemaArray"},
            "not": {"$ref": "#"}
          },
          "dependencies": {
            "exclusiveMinimum": ["minimum"],
            "exclusiveMaximum": ["maximum"]
          },
          "default": {}
        }
        """
}
