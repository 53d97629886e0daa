import LanternTriage

/// The "Mail" screen: the queue of messages to label, a sanitised preview of the selected one,
/// and one-key labelling.
///
/// The screen calls `MailReview` and never trains or scores. After `m` or `c` it moves on only
/// when `label(_:as:)` has returned its receipt. When the call throws, the error is shown and
/// the selection stays. Every text taken from a message is drawn through `SafeText`, and URLs
/// through `SafeText.defang`.
public final class MailScreen {
    public let review: MailReview?
    public let strings: Strings

    /// Snapshot of `review.queue`, refreshed after every call that may change it.
    public private(set) var items: [MailItem]
    public private(set) var selectedIndex = 0
    public private(set) var message: MailScreenMessage?
    public private(set) var showingHelp = false
    /// First queue row shown, kept so the selection stays visible.
    var scrollOffset = 0
    /// Queue rows visible in the last render, the page size for PageUp and PageDown.
    var visibleQueueRows = 1
    /// Cells at the right end of the status line that another view draws over (the tab names),
    /// so the status line leaves out segments that would reach under them.
    public var statusLineReserve = 0

    /// The key table in force, after the config file's rebindings; help and key bar come from it.
    public let keyMap: KeyMap<MailAction>
    /// The queue's cells in the last render, for mouse hit-testing; nil when no queue was drawn.
    var queueArea: Rect?

    /// - Parameters:
    ///   - review: the mail loop over the store; `nil` when the store contains no mail, which
    ///     the screen then reports.
    ///   - keyMap: the key table, `.mail` rebound by the config file.
    public init(review: MailReview?, strings: Strings, keyMap: KeyMap<MailAction> = .mail) {
        self.review = review
        self.strings = strings
        self.keyMap = keyMap
        items = review?.queue ?? []
    }

    /// The message the analyst is looking at, or `nil` when the queue is empty.
    public var selectedItem: MailItem? {
        items.indices.contains(selectedIndex) ? items[selectedIndex] : nil
    }

    // MARK: - Keys and actions

    public func handle(_ key: Key) -> ScreenEffect {
        if key == .resize { return .redraw }
        if showingHelp && key == .escape {
            showingHelp = false
            return .redraw
        }
        guard let action = keyMap.action(for: key) else { return .none }
        if showingHelp && action != .quit && action != .toggleHelp { return .none }
        return perform(action)
    }

    /// Performs one action and returns what the loop must do next.
    public func perform(_ action: MailAction) -> ScreenEffect {
        switch action {
        case .moveUp: return select(selectedIndex - 1)
        case .moveDown: return select(selectedIndex + 1)
        case .pageUp: return select(selectedIndex - max(1, visibleQueueRows))
        case .pageDown: return select(selectedIndex + max(1, visibleQueueRows))
        case .top: return select(0)
        case .bottom: return select(items.count - 1)
        case .labelMalicious: return labelSelected(as: .malicious)
        case .labelBenign: return labelSelected(as: .benign)
        case .skip: return skipSelected()
        case .undo: return undoLast()
        case .toggleHelp:
            showingHelp.toggle()
            return .redraw
        case .quit: return .quit
        }
    }

    func select(_ index: Int) -> ScreenEffect {
        guard !items.isEmpty else { return .none }
        let clamped = max(0, min(items.count - 1, index))
        guard clamped != selectedIndex else { return .none }
        selectedIndex = clamped
        return .redraw
    }

    /// Stores the label, then moves to the message that followed the labelled one.
    private func labelSelected(as label: MailAnalystLabel) -> ScreenEffect {
        guard let review, let item = selectedItem else { return .none }
        let following = items.indices.contains(selectedIndex + 1) ? items[selectedIndex + 1].mailID : nil
        do {
            let receipt = try review.label(item, as: label)
            reloadQueue(keeping: following)
            message = .saved(receipt)
        } catch MailSessionError.modelUpdateFailed(let mailID, let reason) {
            // The label is stored: the screen must not call it unsaved.
            reloadQueue(keeping: following)
            message = .error(strings(.mailSavedModelFailed, ["id": String(mailID), "error": SafeText.line(reason)]))
        } catch {
            message = .error(strings(.mailLabelFailed, ["id": String(item.mailID), "error": ErrorText(error).text]))
        }
        return .redraw
    }

    private func skipSelected() -> ScreenEffect {
        guard let review, let item = selectedItem else { return .none }
        let following = items.indices.contains(selectedIndex + 1) ? items[selectedIndex + 1].mailID : nil
        review.skip(item)
        reloadQueue(keeping: following)
        message = .info(strings(.mailSkipped, ["id": String(item.mailID)]))
        return .redraw
    }

    /// Withdraws the last label and selects the message it belonged to.
    private func undoLast() -> ScreenEffect {
        guard let review else { return .none }
        do {
            guard let item = try review.undo() else {
                message = .info(strings(.mailNothingToUndo))
                return .redraw
            }
            reloadQueue(keeping: item.mailID)
            message = .info(strings(.mailUndone, ["id": String(item.mailID)]))
        } catch {
            message = .error(strings(.mailUndoFailed, ["error": ErrorText(error).text]))
        }
        return .redraw
    }

    /// Takes a fresh snapshot of the queue, because a label re-scores it, and selects `mailID`
    /// if it is still queued. Otherwise the selection keeps its index, clamped to the new length.
    private func reloadQueue(keeping mailID: Int64?) {
        items = review?.queue ?? []
        if let mailID, let index = items.firstIndex(where: { $0.mailID == mailID }) {
            selectedIndex = index
        } else {
            selectedIndex = max(0, min(selectedIndex, items.count - 1))
        }
    }
}

/// The line above the key bar on the Mail screen: the outcome of the last action.
public enum MailScreenMessage: Equatable, Sendable {
    /// A label reached the store; shown only once `label(_:as:)` returned this receipt.
    case saved(MailLabelReceipt)
    /// An action failed; the text is the full message.
    case error(String)
    /// Anything else worth a line (undo, skip, nothing to undo).
    case info(String)
}
