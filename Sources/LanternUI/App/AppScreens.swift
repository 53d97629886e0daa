import LanternTriage

/// The screens of one session and which is in front: 1 Review (always first), 2 Subnets, 3 Mail.
///
/// Tab cycles and a digit picks a screen, except while the front screen captures typed text
/// (a `/` search), which then gets every key. The tab names are drawn over the right end of the
/// status line, so each screen keeps its own layout.
public final class AppScreens {
    public enum Screen: Int, CaseIterable, Sendable {
        case review = 1
        case subnets = 2
        case mail = 3
    }

    public let review: ReviewScreen
    public let subnets: SubnetScreen
    public let mail: MailScreen
    public private(set) var front: Screen

    /// - Parameter mail: the Mail screen; `nil` shows one that reports a store without mail.
    public init(review: ReviewScreen, subnets: SubnetScreen, mail: MailScreen? = nil, front: Screen = .review) {
        self.review = review
        self.subnets = subnets
        self.mail = mail ?? MailScreen(review: nil, strings: review.strings)
        self.front = front
    }

    public func handle(_ key: Key) -> ScreenEffect {
        let capturing = front == .subnets && subnets.capturesText
        if !capturing {
            if key == .tab {
                front = Screen(rawValue: front.rawValue % Screen.allCases.count + 1) ?? .review
                return .redraw
            }
            if case .character(let character) = key, let number = character.wholeNumberValue, let screen = Screen(rawValue: number) {
                guard screen != front else { return .none }
                front = screen
                return .redraw
            }
        }
        switch front {
        case .review: return review.handle(key)
        case .subnets: return subnets.handle(key)
        case .mail: return mail.handle(key)
        }
    }

    /// Passes a mouse click to the front screen.
    public func handleClick(column: Int, row: Int) -> ScreenEffect {
        switch front {
        case .review: return review.handleClick(column: column, row: row)
        case .subnets: return subnets.handleClick(column: column, row: row)
        case .mail: return mail.handleClick(column: column, row: row)
        }
    }

    public func render(width: Int, height: Int) -> ScreenGrid {
        var grid: ScreenGrid
        // The tab names cover the right end of the status line when they are drawn at all.
        let reserve = width >= tabsWidth + ReviewScreen.minimumWidth / 2 ? tabsWidth + 1 : 0
        switch front {
        case .review:
            review.statusLineReserve = reserve
            grid = review.render(width: width, height: height)
        case .subnets:
            subnets.statusLineReserve = reserve
            grid = subnets.render(width: width, height: height)
        case .mail:
            mail.statusLineReserve = reserve
            grid = mail.render(width: width, height: height)
        }
        drawTabs(into: &grid)
        return grid
    }

    private var tabs: [(Screen, String)] {
        [(.review, "1 " + review.strings(.tabReview)), (.subnets, "2 " + review.strings(.tabSubnets)),
         (.mail, "3 " + review.strings(.tabMail))]
    }

    /// Cells the tab names take at the right end of row 0.
    var tabsWidth: Int { tabs.reduce(0) { $0 + DisplayWidth.width(of: $1.1) + 2 } }

    /// ` 1 Review [2 Subnets] 3 Mail ` at the right end of row 0, the front one highlighted
    /// and in brackets. The brackets mark it where the highlight cannot: without colour, the
    /// status line and the selection are both reverse video.
    func drawTabs(into grid: inout ScreenGrid) {
        guard grid.height > 0 else { return }
        let width = tabsWidth
        guard grid.width >= width + ReviewScreen.minimumWidth / 2 else { return }
        var x = grid.width - width
        for (screen, label) in tabs {
            let isFront = screen == front
            let text = isFront ? "[" + label + "]" : " " + label + " "
            x += grid.draw(text, row: 0, column: x, role: isFront ? .selection : .status)
        }
    }
}
