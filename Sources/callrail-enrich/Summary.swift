import CallRailEnrich
import Foundation

/// The paragraph printed after a committed run.
enum Summary {
    static func text(_ report: RunReport, outputPath: String) -> String {
        let totals = report.totals
        var parts = [
            "\(totals.read) lines read from \(report.inputs.count) input\(report.inputs.count == 1 ? "" : "s")",
            "\(totals.enriched) enriched",
        ]
        let bad = BadRowKind.allCases.sorted().compactMap { kind -> String? in
            guard let count = totals.bad[kind], count > 0 else { return nil }
            return "\(count) \(kind.rawValue)"
        }
        parts.append("\(totals.badTotal) bad" + (bad.isEmpty ? "" : " (" + bad.joined(separator: ", ") + ")"))
        let reasons = LineCounts.skipReasonKeys.sorted().compactMap { key -> String? in
            guard let count = totals.skipped[key], count > 0 else { return nil }
            return "\(count) " + key.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        }
        let reasonText = reasons.isEmpty ? "" : " (" + reasons.joined(separator: ", ") + ")"
        parts.append("\(totals.skippedTotal) skipped" + reasonText)
        parts.append("\(totals.headers) header\(totals.headers == 1 ? "" : "s")")
        parts.append("\(totals.blank) blank")
        var text = "callrail-enrich: " + parts.joined(separator: ", ") + ". Committed to '\(outputPath)'."
        if !totals.warnings.isEmpty {
            let warnings = totals.warnings.keys.sorted().map { "\(totals.warnings[$0] ?? 0) \($0)" }
            text += " Warnings: " + warnings.joined(separator: ", ") + "."
        }

        let selection = report.selection
        if !selection.alreadyProcessed.isEmpty {
            let count = selection.alreadyProcessed.count
            text += " \(count) input\(count == 1 ? " was" : "s were") already processed by earlier runs and skipped."
        }
        if !selection.reprocessed.isEmpty {
            let listed = selection.reprocessed.prefix(5).map { "'\($0.path)' (\($0.reason.rawValue))" }
            let more = selection.reprocessed.count - listed.count
            text += " Processed again: " + listed.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "") + "."
        }
        let damaged = report.damagedInputs
        if !damaged.isEmpty {
            text += " Damaged inputs: " + damaged.map { "'\($0.path)' (\($0.damage ?? ""))" }.joined(separator: ", ") + "."
        }
        return text
    }
}
