import ArgumentParser
import Foundation
import MFAELab

/// `mfae-lab db`: copy and check lab database files.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Copy or check lab database files.",
        subcommands: [Copy.self, Check.self])

    /// `db copy SOURCE DESTINATION`: a compact, self-contained copy.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a compact, self-contained copy of a lab database (one file, no write-ahead log).",
            discussion: """
                Safe while another process is writing the source (the copy is one consistent snapshot), and \
                on a read-only source. The copy is written beside DESTINATION, checked, then renamed over it, \
                so DESTINATION is replaced only by a complete, undamaged file. Needs no sqlite3 program.
                """)

        @Argument(help: "The database to copy.")
        var source: String

        @Argument(help: "The file to write (replaced if it exists).")
        var destination: String

        func validate() throws {
            let a = URL(fileURLWithPath: source).standardizedFileURL.path
            let b = URL(fileURLWithPath: destination).standardizedFileURL.path
            guard a != b else { throw ValidationError("the destination must differ from the source") }
        }

        func run() throws {
            let store = try DatabaseOption.openExisting(source)
            defer { try? store.close() }
            try store.checkIntegrity()
            try store.copy(to: destination)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
            Console.say(String(format: "copied %@ to %@ (%.1f MB)", source, destination, Double(bytes) / 1e6))
        }
    }

    /// `db check FILE…`: the integrity check that merge, report and run apply.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that lab databases are undamaged (exit status 1 if one is not).")

        @Argument(help: "Databases to check.")
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one database") }
        }

        func run() throws {
            var damaged = 0
            for file in files {
                do {
                    let store = try DatabaseOption.openExisting(file)
                    defer { try? store.close() }
                    try store.checkIntegrity()
                    let runs = try store.runs(RunFilter(includeMetrics: false))
                    Console.say("\(file): ok, schema \(try store.schemaVersion()), \(runs.count) run(s)")
                } catch {
                    damaged += 1
                    Console.log("Error: \(error)")
                }
            }
            if damaged > 0 { throw ExitStatus.failure }
        }
    }
}
