/// Names of the messages in a `Strings` catalogue.
public enum StringKey: String, CaseIterable, Sendable {
    // Status line
    case statusModel
    case statusActive
    case statusInactive
    case statusTrained
    case statusTrainedShort
    case statusQueue
    case statusAlerts

    // Queue
    case columnHost
    case columnService
    case columnPackets
    case columnScore
    case columnReason
    case queueEmpty

    // Labels and what the loop reports
    case labelBackscatter
    case labelNotBackscatter
    case saved
    case labelFailed
    case undone
    case nothingToUndo
    case undoFailed
    case skipped

    // Tile graph
    case panelFeatures
    case panelDestinations
    case windowStart
    case legendBackscatterSide
    case legendNeutral
    case legendNotSide
    case legendMissing
    case legendCounts
    case legendSelected
    case moreRows
    case tileGraphFailed
    case noTileData

    // Layout
    case tooSmall

    // Keys and help
    case helpTitle
    case helpClose
    case helpReserved
    case keyUp
    case keyDown
    case keyPageUp
    case keyPageDown
    case keyHome
    case keyEnd
    case keyEnter
    case keyTab
    case keyEscape
    case actionMoveUpShort
    case actionMoveUp
    case actionMoveDownShort
    case actionMoveDown
    case actionPageUpShort
    case actionPageUp
    case actionPageDownShort
    case actionPageDown
    case actionTopShort
    case actionTop
    case actionBottomShort
    case actionBottom
    case actionBackscatterShort
    case actionBackscatter
    case actionNotBackscatterShort
    case actionNotBackscatter
    case actionSkipShort
    case actionSkip
    case actionUndoShort
    case actionUndo
    case actionHelpShort
    case actionHelp
    case actionQuitShort
    case actionQuit

    // Errors
    case errorNoTerm
    case errorDumbTerm
    case errorUnknownTerm
    case errorNotTerminal
    case streamInput
    case streamOutput
    case errorInterrupted
    case errorUnknownLanguage
    case errorNoUTF8Locale
    case errorCrashed
    case errorTerminalFailed
    case themeNotFound
    case themeUnreadable
    case themeSyntax
    case themeUnknownRole
    case themeUnknownColor
    case themeUnknownAttribute
    case themeFallback
}
