import LanternTriage

/// The event loop's next step after a key.
public enum ScreenEffect: Equatable, Sendable {
    /// Nothing changed on screen.
    case none
    /// Render the screen again.
    case redraw
    /// Leave the UI; every label is already stored.
    case quit
}

/// The line above the key bar: the outcome of the last action.
public enum ScreenMessage: Equatable, Sendable {
    /// A label reached the store; shown only once `label(_:as:)` returned this receipt.
    case saved(LabelReceipt, host: String)
    /// An action failed; the text is the full message.
    case error(String)
    /// Anything else worth a line (undo, skip, nothing to undo).
    case info(String)
}

/// The backscatter review screen: the queue, the selected window's tile graph and feature
/// values, the model's state, and one-key labelling.
///
/// The screen calls `BackscatterReview` and never computes a model. After `b` or `n` it moves
/// on only when `label(_:as:)` has returned its receipt. When the call throws, the error is
/// shown and the selection stays. Rendering draws into a `ScreenGrid`, so tests need no
/// terminal.
public final class ReviewScreen {
    public let review: BackscatterReview
    public let strings: Strings
    public let keyMap: KeyMap<ReviewAction>
    public let glyphs: GlyphSet

    /// Snapshot of `review.queue`, refreshed after every call that may change it.
    public private(set) var items: [ReviewItem]
    public private(set) var selectedIndex = 0
    public private(set) var message: ScreenMessage?
    public private(set) var showingHelp = false
    /// Problems found while starting (theme, locale), shown until the first key.
    public private(set) var notices: [String]

    /// Smallest size with a usable layout; below it the screen shows only a notice.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    /// First queue row shown; kept so the selection stays visible.
    var scrollOffset = 0
    /// Queue rows visible in the last render, the page size for PageUp/PageDown.
    var visibleQueueRows = 1
    /// Cells at the right end of the status line that another view draws over (the tab names),
    /// so the status line leaves out segments that would reach under them.
    public var statusLineReserve = 0
    /// The queue's cells in the last render, header included. It is nil when no queue was
    /// drawn, so a click then selects nothing.
    var queueArea: Rect?
    private var cachedGraph: (windowID: Int64, result: Result<TileGraph, ErrorText>)?

    public init(review: BackscatterReview, strings: Strings, keyMap: KeyMap<ReviewAction> = .review, glyphs: GlyphSet = .unicode, notices: [String] = []) {
        self.review = review
        self.strings = strings
        self.keyMap = keyMap
        self.glyphs = glyphs
        self.notices = notices
        items = review.queue
    }

    /// The window the analyst is looking at, or nil when the queue is empty.
    public var selectedItem: ReviewItem? {
        items.indices.contains(selectedIndex) ? items[selectedIndex] : nil
    }

    // MARK: - Keys and actions

    /// Looks `key` up in the key map and performs its action.
    public func handle(_ key: Key) -> ScreenEffect {
        if key == .resize { return .redraw }
        let hadNotices = !notices.isEmpty
        notices = []
        if showingHelp {
            switch keyMap.action(for: key) {
            case .quit: return .quit
            case .toggleHelp: showingHelp = false; return .redraw
            default:
                if key == .escape { showingHelp = false; return .redraw }
                return hadNotices ? .redraw : .none
            }
        }
        guard let action = keyMap.action(for: key) else { return hadNotices ? .redraw : .none }
        let effect = perform(action)
        return effect == .none && hadNotices ? .redraw : effect
    }

    /// Performs one action and returns what the loop must do next.
    public func perform(_ action: ReviewAction) -> ScreenEffect {
        switch action {
        case .moveUp: return select(selectedIndex - 1)
        case .moveDown: return select(selectedIndex + 1)
        case .pageUp: return select(selectedIndex - max(1, visibleQueueRows))
        case .pageDown: return select(selectedIndex + max(1, visibleQueueRows))
        case .top: return select(0)
        case .bottom: return select(items.count - 1)
        case .labelBackscatter: return labelSelected(as: .backscatter)
        case .labelNotBackscatter: return labelSelected(as: .notBackscatter)
        case .skip: return skipSelected()
        case .undo: return undoLast()
        case .toggleHelp:
            showingHelp.toggle()
            return .redraw
        case .quit: return .quit
        }
    }

    /// Selects the item at `index`, clamped to the queue.
    func perform(select index: Int) -> ScreenEffect {
        select(index)
    }

    /// Drops the start-up notices; the first key or click does this.
    func clearNotices() {
        notices = []
    }

    private func select(_ index: Int) -> ScreenEffect {
        guard !items.isEmpty else { return .none }
        let clamped = max(0, min(items.count - 1, index))
        guard clamped != selectedIndex else { return .none }
        selectedIndex = clamped
        return .redraw
    }

    /// Stores the label, then moves to the item that followed the labelled one.
    private func labelSelected(as label: AnalystLabel) -> ScreenEffect {
        guard let item = selectedItem else { return .none }
        let following = items.indices.contains(selectedIndex + 1) ? items[selectedIndex + 1].windowID : nil
        do {
            let receipt = try review.label(item, as: label)
            reloadQueue(keeping: following)
            message = .saved(receipt, host: item.host)
        } catch {
            message = .error(strings(.labelFailed, ["host": SafeText.line(item.host), "error": ErrorText(error).text]))
        }
        return .redraw
    }

    private func skipSelected() -> ScreenEffect {
        guard let item = selectedItem else { return .none }
        let following = items.indices.contains(selectedIndex + 1) ? items[selectedIndex + 1].windowID : nil
        review.skip(item)
        reloadQueue(keeping: following)
        message = .info(strings(.skipped, ["host": SafeText.line(item.host)]))
        return .redraw
    }

    /// Withdraws the last label and selects the window it belonged to.
    private func undoLast() -> ScreenEffect {
        do {
            guard let item = try review.undo() else {
                message = .info(strings(.nothingToUndo))
                return .redraw
            }
            reloadQueue(keeping: item.windowID)
            message = .info(strings(.undone, ["host": SafeText.line(item.host)]))
        } catch {
            message = .error(strings(.undoFailed, ["error": ErrorText(error).text]))
        }
        return .redraw
    }

    /// Takes a fresh snapshot of the queue, because a label re-scores it, and selects `windowID`
    /// if it is still queued. Otherwise the selection keeps its index, clamped to the new length.
    private func reloadQueue(keeping windowID: Int64?) {
        items = review.queue
        cachedGraph = nil
        if let windowID, let index = items.firstIndex(where: { $0.windowID == windowID }) {
            selectedIndex = index
        } else {
            selectedIndex = max(0, min(selectedIndex, items.count - 1))
        }
    }

    /// Returns the selected item's tile graph, fetched once per window and kept until the
    /// queue changes.
    func selectedGraph() -> Result<TileGraph, ErrorText>? {
        guard let item = selectedItem else { return nil }
        if let cachedGraph, cachedGraph.windowID == item.windowID {
            return cachedGraph.result
        }
        let result: Result<TileGraph, ErrorText>
        do {
            var graph = try review.tileGraph(for: item)
            graph.featureNames = graph.featureNames.map { strings.term($0) }
            graph.blockLabels = graph.blockLabels.map { strings.term($0) }
            result = .success(graph)
        } catch {
            result = .failure(ErrorText(error))
        }
        cachedGraph = (item.windowID, result)
        return result
    }
}

/// An error's description made safe for one line of the screen.
struct ErrorText: Error, Equatable {
    var text: String

    init(_ error: Error) {
        text = SafeText.line(String(describing: error))
    }
}
