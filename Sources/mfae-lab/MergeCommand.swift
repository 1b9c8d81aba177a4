import ArgumentParser
import Foundation
import MFAELab

/// `mfae-lab merge A.sqlite B.sqlite … --into lab.sqlite`: combines shard databases.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge shard databases into one, deduplicating by run key.",
        discussion: "Refuses (and writes nothing) if two files hold different results for the same run key.")

    @Argument(help: "Shard databases to merge.")
    var sources: [String]

    @Option(help: "The database to merge into (created if missing).")
    var into: String

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("name at least one database to merge") }
    }

    func run() throws {
        // Every file is checked before anything is written: a damaged file is never merged from or into.
        var stores: [SQLiteRunStore] = []
        defer { for store in stores { try? store.close() } }
        for source in sources {
            let store = try DatabaseOption.openExisting(source)
            stores.append(store)
            try store.checkIntegrity()
        }
        try SQLiteRunStore.checkIntegrity(ofFileAt: into)
        let target = try DatabaseOption.openForWriting(into)
        defer { try? target.close() }
        let summary = try target.merge(from: stores)
        try target.close()
        print("merged \(sources.count) file(s) into \(into): \(summary)")
    }
}
