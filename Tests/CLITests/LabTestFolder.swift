import Foundation
import MFAETestSupport

/// A temporary folder holding specs, where `mfae-lab` runs write their database.
struct LabTestFolder {
    let url: URL

    static let experiments = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Experiments")

    /// A new folder with a copy of `Experiments/smoke.json` and `slow.json`: six autoencoder runs of
    /// about a second each in a debug build, long enough to be interrupted mid-way.
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mfae-lab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.experiments.appendingPathComponent("smoke.json"),
                                         to: url.appendingPathComponent("smoke.json"))
        try write("slow.json", """
            {"name": "slow", "description": "Runs long enough to be interrupted.",
             "dataset": {"synthetic": {"users": 300, "items": 200, "ratings": 8000, "seed": 1}},
             "base": {"k": 4, "epochs": 40, "patience": 40, "batch_size": 512, "lr": 0.01, "init_scale": 0.01,
                      "optimizer": "lazy_adam"},
             "sweep": {"mask_fraction": [0.25, 0.5]}, "seeds": [0, 1, 2]}
            """)
    }

    func write(_ name: String, _ text: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// The text of the file `name` here.
    func text(_ name: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }

    /// Runs `mfae-lab arguments…` here.
    func run(_ arguments: String...) throws -> CLIProcess.Result {
        try CLIProcess.run(arguments, in: url)
    }

    /// Starts `mfae-lab arguments…` here without waiting.
    func start(_ arguments: String...) throws -> CLIProcess {
        try CLIProcess(arguments, in: url)
    }

    /// `mfae-lab runs --json` as objects.
    func runs(db: String = "lab.sqlite") throws -> [[String: Any]] {
        let result = try CLIProcess.run(["runs", "--json", "--db", db], in: url)
        guard result.status == 0 else { return [] }
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    /// How many runs have each status.
    func statusCounts(db: String = "lab.sqlite") throws -> [String: Int] {
        try runs(db: db).reduce(into: [:]) { $0[$1["status"] as? String ?? "?", default: 0] += 1 }
    }

    /// Polls until `condition` holds on the status counts (or about a minute passes).
    func waitFor(db: String = "lab.sqlite", _ condition: ([String: Int]) -> Bool) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for _ in 0 ..< 1200 {
            if exists(db) {
                counts = try statusCounts(db: db)
                if condition(counts) { return counts }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return counts
    }
}
