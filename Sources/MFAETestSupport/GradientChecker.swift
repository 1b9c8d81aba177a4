import MFAECore

/// Compares a model's analytic gradients with centred finite differences of ``ReferenceModel``'s loss.
public enum GradientChecker {
    /// One checked coordinate.
    public struct Comparison: CustomStringConvertible {
        public var table: String
        public var index: Int
        public var analytic: Double
        public var numeric: Double
        /// `|a − n| / (|a| + |n|)`, 0 when both vanish.
        public var relativeError: Double {
            let scale = abs(analytic) + abs(numeric)
            return scale < 1e-12 ? 0 : abs(analytic - numeric) / scale
        }
        public var description: String {
            "\(table)[\(index)]: analytic \(analytic), numeric \(numeric), relative error \(relativeError)"
        }
    }

    /// Computes the analytic gradient of one batch (mask fixed by copying `mask`) and compares it with
    /// finite differences on up to `samplesPerTable` coordinates of each table that the batch touches.
    public static func check(model: FactorModel, rows: [Int], of data: RatingsByUser, masks: MaskSchedule,
                             tableL2: Float, perExampleL2: Float, samplesPerTable: Int = 12,
                             step: Double = 1e-5, seed: UInt64 = 1) -> [Comparison] {
        // Which input ratings the mask keeps, drawn in the order the model draws them.
        var kept = [Bool](repeating: true, count: data.count)
        if case .pooledCodes = model.encoder.kind {
            for row in rows {
                var mask = masks.mask(forUser: data.users[row])
                for position in data.range(ofRow: row) { kept[position] = mask.keepsNext() }
            }
        }
        let gradients = model.makeGradients()
        var scratch = model.makeScratch()
        _ = model.accumulateBatch(rows: rows, of: data, masks: masks, perExampleL2: perExampleL2,
                                  gradients: gradients, scratch: &scratch)
        let reference = ReferenceModel(model)
        var generator = SplitMix64(seed: seed)
        var comparisons: [Comparison] = []
        for (tableIndex, (table, gradient)) in zip(model.tables, gradients.tables).enumerated() {
            let touched = gradient.touchedRows.map(Int.init)
            guard !touched.isEmpty, table.width > 0 else { continue }
            for _ in 0 ..< samplesPerTable {
                let row = touched[Int(generator.next() % UInt64(touched.count))]
                let column = Int(generator.next() % UInt64(table.width)), index = row * table.width + column
                var analytic = Double(gradient.gradient(ofRow: row)[column])
                if table.isRegularized { analytic += 2 * Double(tableL2) * Double(table.values[index]) }
                var plus = reference, minus = reference
                plus.tables[tableIndex][index] += step
                minus.tables[tableIndex][index] -= step
                let numeric = (plus.loss(rows: rows, of: data, kept: kept, tableL2: Double(tableL2), perExampleL2: Double(perExampleL2))
                    - minus.loss(rows: rows, of: data, kept: kept, tableL2: Double(tableL2), perExampleL2: Double(perExampleL2)))
                    / (2 * step)
                comparisons.append(Comparison(table: table.name, index: index, analytic: analytic, numeric: numeric))
            }
        }
        return comparisons
    }
}
