import Foundation
import MFAETestSupport
import Testing

/// Runs every command of the README's tour, so the documentation cannot rot.
///
/// The tour runs in a temporary folder holding a copy of `Experiments/smoke.json`. Tests never
/// download, so ML-100k is replaced by the built-in synthetic set (and its probe title by a synthetic
/// item's), and epochs are capped to keep the debug build fast; every other word runs as written.
/// A line of a kind the test does not know fails it, so a new kind of tour line gets handled here.
@Suite("The README's tour, end to end")
struct ReadmeTourTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The lines of the first `sh` block after the "A short tour" heading.
    static func tourLines() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let heading = lines.firstIndex(of: "## A short tour"),
              let open = lines[heading...].firstIndex(of: "```sh"),
              let close = lines[(open + 1)...].firstIndex(of: "```") else { return [] }
        return Array(lines[(open + 1) ..< close])
    }

    /// Shell words of `line`: split at blanks, double or single quotes kept together, a ` #` comment dropped.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character; inWord = true
            } else if character == "#" && !inWord {
                break
            } else if character == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(character); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The tour's arguments with the test's substitutions: synthetic data, a synthetic title, few epochs.
    static func substituted(_ arguments: [String]) -> [String] {
        var result = arguments.map { word -> String in
            switch word {
            case "ml-100k": return "synthetic"
            case "Star Trek: Generations": return "Item 65"
            default: return word
            }
        }
        if let epochs = result.firstIndex(of: "--epochs"), epochs + 1 < result.count {
            result[epochs + 1] = result.first == "bench" ? "2" : "3"
        } else if result.first == "train" || result.first == "bench" {
            result += ["--epochs", result.first == "bench" ? "2" : "3"]
        }
        return result
    }

    @Test func everyTourCommandRuns() throws {
        let lines = try Self.tourLines()
        #expect(lines.count >= 10, "the tour block was not found")
        let folder = try LabTestFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Experiments"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LabTestFolder.experiments.appendingPathComponent("smoke.json"),
                                         to: folder.url.appendingPathComponent("Experiments/smoke.json"))
        var ran = 0
        for line in lines {
            var words = Self.words(line)
            guard let first = words.first else { continue }
            if line.hasPrefix("swift build") || first.hasPrefix("B=") { continue }
            if first == "mkdir" {
                for path in words.dropFirst() where path != "-p" {
                    try FileManager.default.createDirectory(at: folder.url.appendingPathComponent(path),
                                                            withIntermediateDirectories: true)
                }
                continue
            }
            guard first == "$B" else {
                Issue.record("the tour test does not know how to run: \(line)")
                continue
            }
            words.removeFirst()
            var redirect: String?
            if let arrow = words.firstIndex(of: ">"), arrow + 1 < words.count {
                redirect = words[arrow + 1]
                words.removeSubrange(arrow...)
            }
            let arguments = Self.substituted(words)
            let result = try CLIProcess.run(arguments, in: folder.url)
            #expect(result.status == 0, "\(line)\n→ mfae-lab \(arguments.joined(separator: " "))\n\(result.stderr)")
            if let redirect {
                try folder.write(redirect, result.stdout)
                if redirect.hasSuffix(".json") {
                    #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil,
                            "\(redirect) is not one JSON document: \(result.stdout)")
                }
            }
            ran += 1
        }
        #expect(ran >= 10)
        // The tour keeps to its scratch folder: no study database or reports appear.
        #expect(folder.exists("tour/lab.sqlite") && folder.exists("tour/Reports/smoke/README.md"))
        #expect(!folder.exists("lab.sqlite") && !folder.exists("Reports"))
    }
}
