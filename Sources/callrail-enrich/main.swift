import CallRailEnrich

// TODO: argument parsing and wiring arrive with the enrich command.
print("callrail-enrich")
