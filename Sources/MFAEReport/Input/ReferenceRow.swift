import Foundation
import MFAECore

/// A result obtained outside the harness (another library on the same splits), shown beside a
/// search's headline for reference. Read from `Experiments/reference/<experiment>.json`:
///
/// ```json
/// [{"model": "Surprise SVD (tuned)", "protocol": "warm", "test_rmse": [0.9101, 0.9135, 0.9129],
///   "seeds": [0, 1, 2], "note": "k=200, reg 0.1, lr 0.01, 50 epochs"}]
/// ```
/// `seeds` and `note` are optional. Reference rows are never tested against the models: their
/// seeds need not be the verdict's.
public struct ReferenceRow: Sendable, Equatable, Decodable {
    /// The folder, beside the specs, that holds reference files.
    public static let folder = "reference"

    /// What was run, in words.
    public var model: String
    /// The protocol whose splits it ran on.
    public var evaluationProtocol: EvaluationProtocol
    /// Test RMSE per split.
    public var testRMSE: [Double]
    /// The seeds of the splits, when known.
    public var seeds: [UInt64]?
    /// A remark (settings, source).
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case model, evaluationProtocol = "protocol", testRMSE = "test_rmse", seeds, note
    }

    /// A row from its parts.
    public init(model: String, evaluationProtocol: EvaluationProtocol, testRMSE: [Double], seeds: [UInt64]? = nil,
                note: String? = nil) {
        self.model = model; self.evaluationProtocol = evaluationProtocol; self.testRMSE = testRMSE
        self.seeds = seeds; self.note = note
    }

    /// Mean, sd and 95% CI of ``testRMSE``.
    public var summary: SampleSummary? { SampleSummary(testRMSE) }

    /// The rows of a reference file.
    /// - Throws: ``ReportError/sourceFailed(reason:)`` naming the file when it is not a list of rows.
    public static func parse(_ data: Data, file: String) throws -> [ReferenceRow] {
        do {
            let rows = try JSONDecoder().decode([ReferenceRow].self, from: data)
            for row in rows where row.testRMSE.isEmpty || (row.seeds.map { $0.count != row.testRMSE.count } ?? false) {
                throw ReportError.sourceFailed(reason: "\(file): row \"\(row.model)\" needs test_rmse values, one per seed")
            }
            return rows
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.sourceFailed(reason: "\(file): expected a list of {\"model\", \"protocol\", \"test_rmse\": [...]} rows: \(error)")
        }
    }
}
