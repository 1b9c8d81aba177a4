/// Where the numbers come from: data set, spec, tool, machine, and the commands that reproduce the
/// experiment and the report.
enum ProvenanceSection {
    /// The section.
    static func blocks(_ analysis: ExperimentAnalysis, options: ReportOptions) -> [ReportBlock] {
        let experiment = analysis.experiment
        let runs = analysis.runs
        func distinct(_ values: [String?]) -> String {
            let set = Set(values.compactMap { $0 }.filter { !$0.isEmpty })
            return set.isEmpty ? "not recorded" : set.sorted().joined(separator: ", ")
        }
        let wall = runs.compactMap(\.wallSeconds).filter(\.isFinite).reduce(0, +)
        var items: [RichText] = [
            .text("Data set: ") + .code(experiment.datasetName) + .text(", fingerprint ") + .code(experiment.datasetFingerprint),
            .text("Spec: ") + (experiment.specFile.map { RichText.code($0) + ", " } ?? "") + .text("SHA-256 ") + .code(experiment.specHash),
            .text("Tool version: \(distinct(runs.map { $0.provenance?.toolVersion }))"),
            .text("Git revision: \(distinct(runs.map { $0.provenance?.gitRevision }))"),
            .text("Machine: \(distinct(runs.map { $0.provenance?.host }))"),
            .text("Runs: \(runs.count), \(NumberFormat.seconds(wall)) wall seconds in all"),
        ]
        if runs.isEmpty { items.removeLast() }
        return [
            .heading(level: 2, text: "Provenance"),
            .list(items),
            .paragraph("Reproduce the experiment:"),
            .code(experiment.command, language: "sh"),
            .paragraph("Regenerate this report from the run store:"),
            .code(options.reportCommand, language: "sh"),
            .paragraph("The spec:"),
            .code(experiment.specText, language: "json"),
        ]
    }
}
