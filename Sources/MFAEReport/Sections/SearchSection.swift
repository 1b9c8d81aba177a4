import MFAECore
import MFAELab

/// A search's part of a report: the verdict on the final seeds per protocol (with the search's
/// cost and reference rows), the tuning curves, and each study's trials against its searched keys.
enum SearchSection {
    /// Findings items the search adds: unfinished studies, and winners at the edge of their space.
    static func findings(_ search: SearchAnalysis) -> [RichText] {
        var items: [RichText] = []
        for study in search.studies {
            let prefix = RichText.code(study.study.description) + ": "
            if !study.isComplete {
                items.append(prefix + .text("the search is unfinished (\(study.trials.count) of \(study.plannedTrials) trials "
                    + "ended), so it has no winner yet; run the spec again to continue it."))
                continue
            }
            guard let winner = study.winner else {
                items.append(prefix + .text("no trial completed without being pruned, so there is no winner."))
                continue
            }
            let edges = study.edgeKeys
            guard !edges.isEmpty else { continue }
            let positions = edges.compactMap { key -> RichText? in
                guard let distribution = study.space.distribution(of: key), let value = winner.trial.values[key] else { return nil }
                return .code("\(key)=\(Distribution.label(value))") + .text(" in \(distribution.rangeText)")
            }
            items.append(prefix + .strong("Warning: the winner sits at the edge of its space") + .text(" (trial \(winner.number): ")
                + positions.joined(separator: ", ") + .text("). The best value may lie outside the space searched: widen it."))
        }
        return items
    }

    /// The findings blocks (heading and list, or heading and a paragraph saying there is nothing)
    /// with `items` added to the list.
    static func addingFindings(_ items: [RichText], to findings: [ReportBlock]) -> [ReportBlock] {
        guard !items.isEmpty else { return findings }
        var blocks = findings
        if case let .list(existing)? = blocks.last {
            blocks[blocks.count - 1] = .list(existing + items)
        } else if case .paragraph? = blocks.last, blocks.count > 1 {
            blocks[blocks.count - 1] = .list(items)
        } else {
            blocks.append(.list(items))
        }
        return blocks
    }

    /// The section's blocks and plots.
    static func make(_ headlines: [SearchHeadline], search: SearchAnalysis, experiment: String)
        -> (blocks: [ReportBlock], plots: [PlotScript]) {
        var blocks: [ReportBlock] = [.heading(level: 2, text: "Search"), .paragraph(introduction(search))]
        var plots: [PlotScript] = []
        for headline in headlines {
            blocks += verdictBlocks(headline)
        }
        blocks.append(.heading(level: 2, text: "Tuning"))
        blocks.append(.paragraph("The tuning curve is the best validation RMSE among the trials that completed unpruned, "
            + "after each trial, against the trial number and against the CPU seconds spent (training epochs and validation "
            + "passes; a pruned trial counts up to its pruning epoch). A curve still falling at its end means more trials "
            + "could find a better configuration; a flat second half means the budget has converged."))
        for headline in headlines {
            if let plot = TuningCurvePlot.make(headline.studies, evaluationProtocol: headline.evaluationProtocol, experiment: experiment) {
                plots.append(plot)
                blocks.append(.figure(ReportFigure(name: plot.name, caption: "Tuning curves under \(headline.evaluationProtocol.rawValue)"
                    + (headline.studies.contains(where: \.isAudited) ? "; dashed: the same trials without pruning." : "."))))
            }
            let sentences = headline.studies.compactMap(convergenceSentence)
            if !sentences.isEmpty { blocks.append(.list(sentences)) }
        }
        for study in search.studies where !study.trials.isEmpty {
            blocks.append(.heading(level: 3, text: "Trials: \(study.study)"))
            blocks.append(.paragraph(.text("Searched: ") + study.space.dimensions.map { key, distribution in
                RichText.code(key) + .text(" \(distribution.rangeText)")
            }.joined(separator: ", ") + .text(". \(trialCounts(study)).")))
            if let plot = SearchParameterPlot.make(study, experiment: experiment) {
                plots.append(plot)
                blocks.append(.figure(ReportFigure(name: plot.name, caption: "Validation RMSE of each trial of \(study.study) against "
                    + "each searched key (log axis for log-uniform keys); open circles: pruned trials, at the best RMSE they "
                    + "reached; star: the winner.")))
            }
            if let plot = ParallelCoordinatesPlot.make(study, experiment: experiment) {
                plots.append(plot)
                blocks.append(.figure(ReportFigure(name: plot.name, caption: "The best quarter of the trials of \(study.study), "
                    + "one line each across the searched keys and validation RMSE; the winner in black.")))
            }
            blocks.append(.table(bestTrialsTable(study)))
        }
        return (blocks, plots)
    }

    static func introduction(_ search: SearchAnalysis) -> RichText {
        let s = search.search
        let pruner: String
        switch s.pruner.kind {
        case .none: pruner = "no pruning"
        case .successiveHalving:
            pruner = "successive halving (rungs from epoch \(s.pruner.minEpochs), reduction factor \(s.pruner.reductionFactor))"
        case .median: pruner = "the median rule (from epoch \(s.pruner.minEpochs))"
        }
        let work = s.pruner.kind != .none && s.pruner.resource == .kEpochs
            ? ", rungs counted in work (epochs × k, in epochs of the smallest k: a trial with m times that k is judged "
                + "after 1/m of the epochs, against its peers after the same work)"
            : ""
        let sizes = s.waves.map(\.count)
        let waveText = Set(sizes).count == 1
            ? "in waves of \(s.waveSize)"
            : "in waves of \(sizes.prefix(3).map(String.init).joined(separator: ", ")), then up to \(s.waveSize) trials"
        let audit = s.pruner.audit ? ", audited (trials that would be pruned run on, so the cost without pruning is measured too)" : ""
        let seeds = s.finalSeeds.map(String.init).joined(separator: ", ")
        return .text("Each model was tuned on validation RMSE with the same budget: \(s.trials) trials per model and protocol, "
            + "sampler \(s.sampler.rawValue), \(waveText) proposed from completed waves only, all on split seed "
            + "\(s.splitSeed); pruner: \(pruner)\(work)\(audit). Each study's winner (the completed, unpruned trial with the lowest "
            + "validation RMSE) was re-run on the final seeds \(seeds) with fresh splits; the verdict uses only those runs, "
            + "paired by seed (the same seed gives both models the same split).")
    }

    // MARK: Verdict

    static func verdictBlocks(_ headline: SearchHeadline) -> [ReportBlock] {
        let item = headline.evaluationProtocol
        var blocks: [ReportBlock] = [
            .heading(level: 3, text: "Verdict: \(item.rawValue)"),
            .paragraph(RichText.code(item.rawValue) + " is " + .text(item.explanation)),
            .table(winnerTable(headline)),
        ]
        let comparisons = headline.comparison.comparisons
        if !comparisons.isEmpty {
            blocks.append(.table(HeadlineSection.comparisonTable(comparisons, seedsHeader: "Final seeds",
                                                                      effectSize: SearchHeadline.effectSize)))
            for comparison in comparisons {
                var text = HeadlineSection.sentence(comparison)
                if let d = SearchHeadline.effectSize(comparison) {
                    text = text + .text(" Effect size (mean paired difference / sd of the differences): \(NumberFormat.signed(d, digits: 2)).")
                }
                blocks.append(.paragraph(text))
            }
        }
        if !headline.references.isEmpty {
            blocks.append(.paragraph(.emphasis("Reference rows are results obtained outside the harness (other libraries on "
                + "splits of this protocol, listed in the experiment's reference file); they are not tested against the models.")))
        }
        blocks.append(.table(costTable(headline.studies)))
        blocks += pruningNotes(headline.studies)
        return blocks
    }

    static func winnerTable(_ headline: SearchHeadline) -> ReportTable {
        var rows = headline.studies.map { study -> [RichText] in
            guard let winner = study.winner else {
                return [.text(study.study.model.displayName), study.isComplete ? "no eligible trial" : "unfinished", "—", "—", "0", "—", "—"]
            }
            let test = study.finalGroup?.summary(of: .testRMSE)
            return [.text(study.study.model.displayName), .text("\(winner.number)"), .code(SearchPlan.describe(winner.trial.values)),
                    .text(NumberFormat.fixed(winner.outcome.objective)), .text("\(study.finalGroup?.runs.count ?? 0)"),
                    .strong(NumberFormat.meanAndDeviation(test)), .text(NumberFormat.interval(test?.confidenceInterval))]
        }
        for reference in headline.references {
            let summary = reference.summary
            rows.append([.text(reference.model + " ") + .emphasis("(reference)"), "—", .text(reference.note ?? "—"), "—",
                         .text("\(reference.testRMSE.count)"), .text(NumberFormat.meanAndDeviation(summary)),
                         .text(NumberFormat.interval(summary?.confidenceInterval))])
        }
        return ReportTable(header: ["Model", "Winning trial", "Searched values", "Valid RMSE (search)", "Final seeds",
                                    "Test RMSE", "Test RMSE 95% CI"],
                           alignments: [.left, .right, .left, .right, .right, .right, .right], rows: rows)
    }

    // MARK: Cost

    static func costTable(_ studies: [SearchStudyResult]) -> ReportTable {
        let rows = studies.map { study -> [RichText] in
            let unpruned = study.unprunedSeconds
            let ratio = unpruned.flatMap { $0 > 0 ? study.prunedSeconds / $0 : nil }
            return [.text(study.study.model.displayName), .text("\(study.trials.count) of \(study.plannedTrials)"),
                    .text("\(study.prunedCount)"), .text("\(study.failedCount)"),
                    .text(NumberFormat.seconds(study.prunedSeconds)),
                    .text(unpruned.map(NumberFormat.seconds) ?? "not measured"),
                    .text(ratio.map { NumberFormat.fixed($0, digits: 2) } ?? "—")]
        }
        return ReportTable(header: ["Search cost", "Trials ended", "Pruned", "Failed", "CPU s with pruning",
                                    "CPU s without pruning", "Ratio"],
                           alignments: [.left, .right, .right, .right, .right, .right, .right], rows: rows)
    }

    /// For audited searches: whether pruning changed the winner, and what that cost on the final seeds.
    static func pruningNotes(_ studies: [SearchStudyResult]) -> [ReportBlock] {
        var items: [RichText] = []
        for study in studies where study.isAudited && study.isComplete {
            let prefix = RichText.code(study.study.description) + ": "
            guard let winner = study.winner, let unpruned = study.unprunedWinner else { continue }
            if unpruned.number == winner.number {
                items.append(prefix + .text("without pruning the search would pick the same winner (trial \(winner.number))."))
                continue
            }
            var text = prefix + .text("without pruning the search would pick trial \(unpruned.number) (")
                + .code(SearchPlan.describe(unpruned.trial.values))
                + .text(", validation RMSE \(NumberFormat.fixed(unpruned.outcome.unprunedObjective))) instead of trial \(winner.number)")
            if let effect = SearchHeadline.pruningEffect(study),
               let pruned = study.finalGroup?.summary(of: .testRMSE), let other = study.unprunedFinalGroup?.summary(of: .testRMSE) {
                text = text + .text(". On the final seeds its test RMSE is \(NumberFormat.meanAndDeviation(other)) against the pruned "
                    + "winner's \(NumberFormat.meanAndDeviation(pruned)): a difference of \(NumberFormat.signed(effect.difference)), ")
                    + .strong(effect.isWithinOneSD ? "within one sd" : "more than one sd") + .text(".")
            } else {
                text = text + .text("; its final runs are not stored yet.")
            }
            items.append(text)
        }
        return items.isEmpty ? [] : [.list(items)]
    }

    // MARK: Trials

    static func trialCounts(_ study: SearchStudyResult) -> String {
        var parts = ["\(study.trials.count) of \(study.plannedTrials) trials ended"]
        if study.prunedCount > 0 { parts.append("\(study.prunedCount) \(study.isAudited ? "would have been pruned" : "pruned")") }
        if study.failedCount > 0 { parts.append("\(study.failedCount) failed or diverged") }
        return parts.joined(separator: ", ")
    }

    static func convergenceSentence(_ study: SearchStudyResult) -> RichText? {
        guard let convergence = study.convergence else { return nil }
        let half = max(1, study.plannedTrials / 2)
        return .code(study.study.description) + .text(": the best is trial \(convergence.bestTrial) (trials are numbered 0–"
            + "\(study.plannedTrials - 1)); the second half of the budget, trials \(half)–\(study.plannedTrials - 1), improved the "
            + "best validation RMSE by \(NumberFormat.fixed(convergence.lateImprovement)).")
    }

    static func bestTrialsTable(_ study: SearchStudyResult) -> ReportTable {
        let rows = study.bestQuarter.map { trial -> [RichText] in
            [.text("\(trial.number)"), .text("\(trial.trial.wave)"), .code(SearchPlan.describe(trial.trial.values)),
             .text(NumberFormat.fixed(trial.outcome.objective)), .text("\(trial.outcome.curve.count)"),
             trial.number == study.winner?.number ? .strong("winner") : ""]
        }
        return ReportTable(header: ["Trial", "Wave", "Values (best quarter of trials)", "Valid RMSE", "Epochs", "Note"],
                           alignments: [.right, .right, .left, .right, .right, .left], rows: rows)
    }
}
