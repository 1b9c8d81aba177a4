/// Where reports read their experiments and runs: the run store, through an adapter, or an
/// in-memory source in tests.
public protocol ReportSource {
    /// Every experiment, in any order (reports sort them by name).
    func experiments() throws -> [ReportExperiment]
    /// Every run of the experiment named `experiment`, whatever its status.
    func runs(of experiment: String) throws -> [ReportRun]
    /// Titles of the items of the experiment's data set, in `ItemIndex` order (the rows of
    /// `ItemParameters`), or `nil` when the data set is not available.
    func itemTitles(of experiment: String) throws -> [String]?
}

/// A ``ReportSource`` that holds everything in memory: for tests, and for reports of runs that were
/// never stored.
public struct InMemoryReportSource: ReportSource, Sendable {
    /// One experiment with its runs and its data set's item titles.
    public struct Entry: Sendable {
        /// The experiment.
        public var experiment: ReportExperiment
        /// Its runs.
        public var runs: [ReportRun]
        /// Its data set's item titles in `ItemIndex` order.
        public var itemTitles: [String]?

        /// An entry from its parts.
        public init(experiment: ReportExperiment, runs: [ReportRun], itemTitles: [String]? = nil) {
            self.experiment = experiment; self.runs = runs; self.itemTitles = itemTitles
        }
    }

    /// The experiments, in insertion order.
    public var entries: [Entry]

    /// A source holding `entries`.
    public init(_ entries: [Entry]) { self.entries = entries }

    public func experiments() throws -> [ReportExperiment] { entries.map(\.experiment) }

    public func runs(of experiment: String) throws -> [ReportRun] {
        try entry(experiment).runs
    }

    public func itemTitles(of experiment: String) throws -> [String]? {
        try entry(experiment).itemTitles
    }

    private func entry(_ name: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.experiment.name == name }) else {
            throw ReportError.unknownExperiment(name: name, known: entries.map(\.experiment.name).sorted())
        }
        return entry
    }
}
