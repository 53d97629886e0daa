/// The meaning of a cell's content, which the theme turns into colours and attributes.
///
/// The raw value is the role's name in theme files.
public enum ColorRole: String, CaseIterable, Sendable {
    case normal
    case status
    case statusAlert = "status-alert"
    case header
    case selection
    case saved
    case error
    case keyName = "key-name"
    case keyLabel = "key-label"
    case help
    case helpTitle = "help-title"
    case legend
    case dim
    case tileMissing = "tile-missing"
    case tileNeutral = "tile-neutral"
    case tileNot1 = "tile-not-1"
    case tileNot2 = "tile-not-2"
    case tileNot3 = "tile-not-3"
    case tileBackscatter1 = "tile-backscatter-1"
    case tileBackscatter2 = "tile-backscatter-2"
    case tileBackscatter3 = "tile-backscatter-3"
    case count1 = "count-1"
    case count2 = "count-2"
    case count3 = "count-3"
    case count4 = "count-4"
    /// Subnet prototypes on the heatmap, cycled by prototype number; a glyph per prototype
    /// tells apart those that share a colour.
    case prototype1 = "prototype-1"
    case prototype2 = "prototype-2"
    case prototype3 = "prototype-3"
    case prototype4 = "prototype-4"
    case prototype5 = "prototype-5"
    case prototype6 = "prototype-6"
    case prototype7 = "prototype-7"
    case prototype8 = "prototype-8"
}
