/// The analyst's answer for one window.
public enum AnalystLabel: String, Sendable, CaseIterable {
    case backscatter
    case notBackscatter = "not-backscatter"
}

/// One window waiting in the review queue, with what the screen shows of it.
public struct ReviewItem: Sendable, Equatable {
    /// Store row of the window; stable across re-scoring.
    public var windowID: Int64
    /// Source host (the possible victim), as text. Untrusted only in the sense that it came
    /// from a capture; it is always a formatted address.
    public var host: String
    /// Protocol and ports in short form, for example "TCP 443→*" or "ICMP err".
    public var service: String
    public var packets: Int
    /// Start of the window, seconds since the epoch (UTC).
    public var windowStart: Double
    /// SVM decision value: positive leans backscatter, negative leans not; 0 is the boundary.
    public var score: Double
    /// The reason the window was queued, in a few words ("near boundary", "unlike any label").
    public var reason: String
    /// Feature values in the order of `ReviewFeatures.names` (baseline 17 first).
    public var features: [Double]

    public init(windowID: Int64, host: String, service: String, packets: Int, windowStart: Double, score: Double, reason: String, features: [Double]) {
        self.windowID = windowID
        self.host = host
        self.service = service
        self.packets = packets
        self.windowStart = windowStart
        self.score = score
        self.reason = reason
        self.features = features
    }
}

/// The picture an analyst judges a host by.
public struct TileGraph: Sendable, Equatable {
    /// Feature names, one per row of `shades`.
    public var featureNames: [String]
    /// `shades[row][column]` in -1...1: -1 sits at the non-backscatter training mean,
    /// +1 at the backscatter mean, 0 halfway; NaN where the host had no window.
    public var shades: [[Double]]
    /// Start time of each column (one window of the host), seconds since the epoch.
    public var columnStarts: [Double]
    /// Index of the column of the selected window.
    public var selectedColumn: Int
    /// `destinationGrid[block][column]`: packets to each darknet address block per window.
    public var destinationGrid: [[Int]]
    /// Label of each block row, for example "x.x.0-15.x".
    public var blockLabels: [String]

    public init(featureNames: [String], shades: [[Double]], columnStarts: [Double], selectedColumn: Int, destinationGrid: [[Int]], blockLabels: [String]) {
        self.featureNames = featureNames
        self.shades = shades
        self.columnStarts = columnStarts
        self.selectedColumn = selectedColumn
        self.destinationGrid = destinationGrid
        self.blockLabels = blockLabels
    }
}

/// The model's learning state, shown on the status line and by `lantern stats`.
public struct LearningState: Sendable, Equatable {
    public var modelVersion: Int
    /// False while the labels hold one class only; windows are then scored by the packet-type rule.
    public var modelActive: Bool
    /// Kernel and parameters in short form, for example "linear C=1" or "rbf C=4 γ=0.1".
    public var modelDescription: String
    public var mechanicalBackscatter: Int
    public var mechanicalNotBackscatter: Int
    public var analystBackscatter: Int
    public var analystNotBackscatter: Int
    public var queueSize: Int
    public var alerts: Int

    public init(modelVersion: Int, modelActive: Bool, modelDescription: String, mechanicalBackscatter: Int, mechanicalNotBackscatter: Int, analystBackscatter: Int, analystNotBackscatter: Int, queueSize: Int, alerts: Int) {
        self.modelVersion = modelVersion
        self.modelActive = modelActive
        self.modelDescription = modelDescription
        self.mechanicalBackscatter = mechanicalBackscatter
        self.mechanicalNotBackscatter = mechanicalNotBackscatter
        self.analystBackscatter = analystBackscatter
        self.analystNotBackscatter = analystNotBackscatter
        self.queueSize = queueSize
        self.alerts = alerts
    }
}

/// Proof that a label reached the store, returned before the screen may say "saved".
public struct LabelReceipt: Sendable, Equatable {
    public var labelID: Int64
    public var windowID: Int64
    public var label: AnalystLabel
    /// Model version after the incremental update that followed the label.
    public var modelVersion: Int

    public init(labelID: Int64, windowID: Int64, label: AnalystLabel, modelVersion: Int) {
        self.labelID = labelID
        self.windowID = windowID
        self.label = label
        self.modelVersion = modelVersion
    }
}

/// The analyst loop for backscatter, as the terminal UI drives it.
///
/// The UI only calls these methods; it never trains or scores. `label` stores the answer
/// durably first and only then updates the model, so a crash between the two loses no label.
public protocol BackscatterReview: AnyObject {
    var state: LearningState { get }
    /// The queue, most informative first.
    var queue: [ReviewItem] { get }
    /// Names of the values in `ReviewItem.features`.
    var featureNames: [String] { get }
    func tileGraph(for item: ReviewItem) throws -> TileGraph
    /// Stores the label (committed before returning), updates the model, re-scores the queue.
    func label(_ item: ReviewItem, as label: AnalystLabel) throws -> LabelReceipt
    /// Withdraws the most recent analyst label of this session (kept in the store, marked undone)
    /// and returns the item it labelled, back in the queue; `nil` when there is nothing to undo.
    func undo() throws -> ReviewItem?
    /// Skips the item for this session without labelling it.
    func skip(_ item: ReviewItem)
}
