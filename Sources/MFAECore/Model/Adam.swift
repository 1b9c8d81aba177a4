import CKernels

/// Adam's hyper-parameters (PyTorch's defaults besides the learning rate).
public struct AdamSettings: Sendable, Equatable {
    public var learningRate: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    /// Settings with PyTorch's default betas and epsilon.
    public init(learningRate: Float) { self.learningRate = learningRate }
}

/// Adam with bias correction, as `torch.optim.Adam`, over flat parameter buffers.
///
/// For each parameter, with `g` the gradient plus `2·l2·w` when the table is regularised:
/// ```
/// m ← β1·m + (1−β1)·g
/// v ← β2·v + (1−β2)·g²
/// w ← w − (lr / (1−β1ᵗ)) · m / (√v / √(1−β2ᵗ) + ε)
/// ```
/// Rows without gradient decay their moments geometrically and would reach subnormal floats after
/// about a thousand steps; subnormal arithmetic is very slow on x86. Each step therefore puts the
/// calling thread in flush-to-zero mode (``FloatEnvironment``), so moments go from the smallest
/// normal float (1.2e-38) straight to zero with no compare in the loop.
public enum Adam {
    /// Which rows a step updates.
    public enum Rows: Sendable {
        /// Every row, as dense Adam does.
        case all
        /// Only the rows the gradient touched (lazy Adam).
        case touched

        /// The layout of the gradient a step reads: by row for dense Adam, which reads the whole
        /// buffer in one flat pass; by slot for lazy Adam, which reads the touched rows in turn.
        public var gradientLayout: GradientTable.Layout { self == .all ? .byRow : .bySlot }
    }

    /// One Adam step on `table` with `gradient`; `step` is the 1-based step count `t`.
    /// `.all` needs a gradient in the ``GradientTable/Layout/byRow`` layout, `.touched` one in
    /// ``GradientTable/Layout/bySlot``.
    ///
    /// The step consumes the gradient: afterwards it is zero with no touched rows, as after
    /// ``GradientTable/clear()``, so the next batch needs no separate zeroing pass.
    ///
    /// - Parameters:
    ///   - l2: the L2 coefficient `c`; its gradient `2c·w` is added for regularised tables.
    ///   - range: with `.all`, the rows to update (a team member's share); every row by default.
    ///     The gradient must not have touched rows outside it. With `.touched`, the touched rows are
    ///     updated wherever they lie.
    /// Complexity: O(rows × width) for `.all`, O(touched rows × width) for `.touched`; one call of
    /// the C kernel per table either way.
    public static func step(_ table: EmbeddingTable, gradient: GradientTable, settings: AdamSettings,
                            step: Int, l2: Float, rows: Rows, range: Range<Int>? = nil) {
        precondition(gradient.rows == table.rows && gradient.width == table.width)
        precondition(gradient.layout == rows.gradientLayout, "dense Adam reads gradients by row, lazy Adam by slot")
        FloatEnvironment.withSubnormalsFlushedToZero {
            let decay = table.isRegularized ? 2 * l2 : 0
            let constants = StepConstants(settings: settings, step: step, decay: decay).c
            switch rows {
            case .all:
                let span = range ?? 0 ..< table.rows
                precondition(span.lowerBound >= 0 && span.upperBound <= table.rows)
                assert(gradient.touchedRows.allSatisfy { span.contains(Int($0)) }, "touched rows outside the range")
                let start = span.lowerBound * table.width
                mfae_adam_update(table.values.pointer + start, table.firstMoment.pointer + start,
                                 table.secondMoment.pointer + start, gradient.values.pointer + start,
                                 span.count * table.width, constants)
            case .touched:
                let touched = gradient.touchedRows
                if let first = touched.baseAddress {
                    mfae_adam_update_rows(table.values.pointer, table.firstMoment.pointer, table.secondMoment.pointer,
                                          gradient.values.pointer, table.width, first, touched.count, constants)
                }
            }
            gradient.forgetTouchedRows()
        }
    }

    /// Per-step constants of the update.
    struct StepConstants {
        var c: mfae_adam_constants
        init(settings: AdamSettings, step: Int, decay: Float) {
            let correction1 = 1 - Float(Double(settings.beta1).power(step))
            let correction2 = 1 - Float(Double(settings.beta2).power(step))
            c = mfae_adam_constants(beta1: settings.beta1, beta2: settings.beta2,
                                    step_size: settings.learningRate / correction1,
                                    inverse_root_correction2: 1 / correction2.squareRoot(),
                                    epsilon: settings.epsilon, decay: decay)
        }
    }
}

extension Double {
    /// `self` raised to a non-negative integer power by repeated squaring.
    func power(_ exponent: Int) -> Double {
        var result = 1.0, base = self, e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }
}
