/// A report as a sequence of blocks, rendered to Markdown by ``MarkdownRenderer`` and to HTML by
/// ``HTMLRenderer``: both editions say the same thing by construction.
public struct ReportDocument: Sendable, Equatable {
    /// The document's title (the first heading, and the HTML `<title>`).
    public var title: String
    /// The body, in order.
    public var blocks: [ReportBlock]

    /// A document from its title and body.
    public init(title: String, blocks: [ReportBlock]) {
        self.title = title; self.blocks = blocks
    }
}

/// One block of a ``ReportDocument``.
public enum ReportBlock: Sendable, Equatable {
    /// A section heading; level 2 for sections, 3 for subsections (the title is level 1).
    case heading(level: Int, text: String)
    /// A paragraph.
    case paragraph(RichText)
    /// A bulleted list.
    case list([RichText])
    /// A table.
    case table(ReportTable)
    /// A plot rendered from a gnuplot script.
    case figure(ReportFigure)
    /// Preformatted text: a command, a spec.
    case code(String, language: String)
}

/// A table: a header row and rows of cells, each column aligned.
public struct ReportTable: Sendable, Equatable {
    /// A column's alignment.
    public enum Alignment: Sendable, Equatable {
        /// Text columns.
        case left
        /// Number columns.
        case right
    }

    /// Column titles.
    public var header: [String]
    /// One alignment per column.
    public var alignments: [Alignment]
    /// Rows of cells, one per column.
    public var rows: [[RichText]]

    /// A table; `alignments` defaults to left for the first column and right for the others.
    public init(header: [String], alignments: [Alignment]? = nil, rows: [[RichText]]) {
        precondition(rows.allSatisfy { $0.count == header.count }, "one cell per column")
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
        self.rows = rows
    }
}

/// A plot: `plots/<name>.svg`, rendered from `plots/<name>.gp` with its data in `plots/<name>.dat`.
public struct ReportFigure: Sendable, Equatable {
    /// The plot's file name without extension.
    public var name: String
    /// What the plot shows, one sentence.
    public var caption: String

    /// A figure from its plot name and caption.
    public init(name: String, caption: String) { self.name = name; self.caption = caption }

    /// The folder of plots, relative to the report.
    public static let folder = "plots"
    /// `plots/<name>.svg`.
    public var svgPath: String { "\(Self.folder)/\(name).svg" }
    /// `plots/<name>.gp`.
    public var scriptPath: String { "\(Self.folder)/\(name).gp" }
    /// `plots/<name>.dat`.
    public var dataPath: String { "\(Self.folder)/\(name).dat" }
}
