import Foundation

/// The parts of a run prepared before its folder is created: the options with the recovered run's
/// event ids, the locked state file, and the report's record of both.
struct RunSetup {
    var options: EnrichOptions
    var state: RunState?
    var selection: RunSelection
}

extension EnrichJob {
    /// Locks and reads the `--state` file and loads the event ids of the `--recover` run.
    func makeSetup() throws -> RunSetup {
        var options = configuration.options
        var selection = RunSelection()
        selection.window = options.replayWindow

        var state: RunState?
        if let statePath = configuration.statePath {
            // A recovery processes every input again by definition, so it ignores what the state records.
            state = try RunState(
                path: statePath, reprocessesAll: configuration.reprocessesAll || configuration.recoveredRun != nil,
                window: options.replayWindow ?? ReplayWindow(since: nil, until: nil))
            selection.stateFile = statePath
        }

        if let recovered = configuration.recoveredRun {
            let eventIDs = try recovered.loadEnrichedEventIDs(interruption: configuration.interruption)
            options.recoveredEventIDs = eventIDs
            selection.recoveredRun = recovered.path
            selection.recoveredEventIDCount = eventIDs.count
        }
        return RunSetup(options: options, state: state, selection: selection)
    }

    /// Commits the run folder and then moves the new state into place, unless a signal arrived
    /// first.
    ///
    /// The new state is written and synced before the commit, so only a failing rename can leave a
    /// committed run without a state update. The run folder is then removed again: the next run
    /// would process its inputs a second time otherwise, and exit status 1 promises that nothing
    /// was committed.
    /// NOTE: with `--overwrite` the folder the run replaced is already gone at that point.
    func commit(_ folder: RunFolder, state: RunState?) throws {
        try state?.prepare(run: folder.destination)
        let prepared = state?.preparedPath
        if let prepared {
            configuration.interruption?.register(temporaryPath: prepared)
        }
        defer {
            if let prepared {
                configuration.interruption?.unregister(temporaryPath: prepared)
            }
        }
        func commitAndPublish() throws {
            try folder.commit()
            guard let state else { return }
            do throws(RunStateError) {
                try state.publish()
            } catch {
                try? FileManager.default.removeItem(atPath: folder.destination)
                throw RunStateError(
                    path: error.path,
                    message: "\(error.message); the run folder '\(folder.destination)' was removed again")
            }
        }
        if let interruption = configuration.interruption {
            try interruption.commitUnlessInterrupted(commitAndPublish)
        } else {
            try commitAndPublish()
        }
    }
}
