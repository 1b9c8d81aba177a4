import CKernels

/// How a user's bias and vector are obtained: the only difference between the two models.
///
/// Both read rows of a bias table (width 1) and a vector table (width `k`) and take a weighted sum:
/// - ``Kind/perUser`` (classic MF): the user's own row, weight 1.
/// - ``Kind/pooledCodes(_:)`` (the autoencoder): the rows of the (item, rating level) codes the user
///   rated and the mask kept, each with weight `1 / denominator`, where the denominator is
///   `1 + all input ratings` (``Normalization/all``, the notebook's) or `1 + kept ratings` (``Normalization/kept``).
///
/// ```
/// b_u = w · Σ_{r ∈ rows(u)} B[r]      v_u = w · Σ_{r ∈ rows(u)} Q[r]
/// ```
/// This is the notebook's sparse (users × codes) by dense (codes × k) product, one user at a time.
public final class UserEncoder: @unchecked Sendable {
    /// The two ways of obtaining a user's representation.
    public enum Kind: Sendable, Equatable {
        case perUser
        case pooledCodes(Normalization)
    }

    /// Which way this encoder works.
    public let kind: Kind
    /// Bias per row: users (MF) or codes (autoencoder).
    public let bias: EmbeddingTable
    /// Vector per row, width `k`; regularised.
    public let vectors: EmbeddingTable

    /// An encoder with `rows` rows of `k` dimensions.
    public init(kind: Kind, rows: Int, k: Int) {
        self.kind = kind
        let prefix = kind == .perUser ? "user" : "code"
        bias = EmbeddingTable(name: "\(prefix)Bias", rows: rows, width: 1, isRegularized: false)
        vectors = EmbeddingTable(name: "\(prefix)Vectors", rows: rows, width: k, isRegularized: true)
    }

    /// Latent dimensions.
    public var k: Int { vectors.width }
    /// The tables, in gradient order.
    public var tables: [EmbeddingTable] { [bias, vectors] }

    /// Selects the rows that make up the user of `row` in `input`, drawing the mask for each input
    /// rating, and returns the weight each selected row gets. Fills `selection.rows`, and asks for
    /// each selected row's cache lines (vector and bias) so that their misses overlap before ``forward(_:weight:vector:)``.
    /// The codes' loop is the C kernel ``mfae_select_codes``, which draws the same mask stream as
    /// ``InputMask/keepsNext()``.
    ///
    /// With `share`, only the rows in that share are selected (a team member's), though the mask is
    /// drawn for every rating and the weight counts every kept one, so the members' selections together
    /// are exactly the whole selection.
    public func select(row: Int, of input: RatingsByUser, mask: inout InputMask, into selection: inout RowSelection,
                       share: RowShare? = nil) -> Float {
        selection.rows.removeAll(keepingCapacity: true)
        switch kind {
        case .perUser:
            let user = input.users[row]
            if share?.contains(user) ?? true { selection.rows.append(user) }
            return 1
        case let .pooledCodes(normalization):
            let range = input.range(ofRow: row)
            guard !range.isEmpty else { return 1 }
            precondition(share.map { $0.width == k } ?? true, "a code share must be by the code vectors' width")
            selection.rows.append(contentsOf: repeatElement(0, count: range.count))  // room; no allocation once grown
            var written = 0
            let fraction = mask.fraction
            let kept = input.codes.withUnsafeBufferPointer { codes in
                selection.rows.withUnsafeMutableBufferPointer { selected in
                    // Both buffers hold at least `range.count` elements, so they have addresses.
                    guard let codeBase = codes.baseAddress, let selectedBase = selected.baseAddress else { return 0 }
                    return mask.withGeneratorState { state in
                        mfae_select_codes(codeBase + range.lowerBound, range.count, state, fraction,
                                          share?.member ?? 0, share?.members ?? 1, vectors.values.pointer,
                                          bias.values.pointer, k, selectedBase, &written)
                    }
                }
            }
            selection.rows.removeLast(range.count - written)
            let counted = normalization == .all ? range.count : kept
            return 1 / Float(1 + counted)
        }
    }

    /// Asks the CPU to start loading what ``select(row:of:mask:into:share:)`` will read of `row`: the
    /// codes for pooled codes, nothing for a per-user row. No effect on results.
    public func prefetchInput(row: Int, of input: RatingsByUser) {
        if case .pooledCodes = kind { input.prefetchCodes(positions: input.range(ofRow: row)) }
    }

    /// Computes the user's bias and vector from the selected rows (the C kernel ``mfae_pool_rows``).
    /// Complexity O(rows × k).
    public func forward(_ selection: RowSelection, weight: Float, vector: UnsafeMutablePointer<Float>) -> Float {
        selection.rows.withUnsafeBufferPointer { rows in
            mfae_pool_rows(bias.values.pointer, vectors.values.pointer, k, rows.baseAddress, rows.count, weight, vector)
        }
    }

    /// Scatters the gradient of the user's bias and vector to the selected rows.
    ///
    /// With `perUseL2 > 0` (per-example regularisation) each selected row also gets
    /// `2·perUseL2·uses·Q[r]`, and `perUseL2·uses·|Q[r]|²` is returned as its share of the loss;
    /// `uses` is the number of the user's target ratings for MF, and 1 for a code.
    public func backward(_ selection: RowSelection, weight: Float, biasGradient: Float,
                         vectorGradient: UnsafePointer<Float>, targetCount: Int, perUseL2: Float,
                         gradients: EncoderGradients) -> Double {
        let uses: Float = kind == .perUser ? Float(targetCount) : 1
        return selection.rows.withUnsafeBufferPointer { rows in
            mfae_scatter_rows(rows.baseAddress, rows.count, weight, biasGradient, vectorGradient,
                              vectors.values.pointer, k, perUseL2 * uses, gradients.bias.kernelView,
                              gradients.vectors.kernelView)
        }
    }

    /// Zero gradients for this encoder's tables; the two share their touched rows (every selected row
    /// gets a bias and a vector gradient).
    public func makeGradients(layout: GradientTable.Layout) -> EncoderGradients {
        let vectorGradient = GradientTable(shapeOf: vectors, layout: layout)
        return EncoderGradients(bias: GradientTable(shapeOf: bias, layout: layout, sharingTouchedRowsWith: vectorGradient),
                                vectors: vectorGradient)
    }
}

/// The rows an encoder selected for one user; reused across users so encoding allocates nothing.
public struct RowSelection: Sendable {
    /// Selected rows of the encoder tables.
    public var rows: [Int32] = []
    /// An empty selection.
    public init() {}
}

/// Gradients of a ``UserEncoder``'s tables.
public struct EncoderGradients: Sendable {
    public let bias: GradientTable
    public let vectors: GradientTable
    /// In the order of ``UserEncoder/tables``.
    public var tables: [GradientTable] { [bias, vectors] }
}
