/// An analyst's request that a screen's key table can bind, named in the config file as
/// `<screen>.<action>`, for example `review.label-backscatter`.
///
/// A screen adopts rebinding by making its action enum conform and keeping its table in a
/// `KeyMap<Action>`; `KeyMap.applying(_:)` then transforms the table by the config file.
public protocol KeyAction: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// The screen's name in the config file: `review`, `subnets`.
    static var screenName: String { get }
    /// Short name for the key bar.
    var shortLabel: StringKey { get }
    /// Sentence for the help overlay.
    var helpText: StringKey { get }
    /// Whether the key bar keeps the action when it is too narrow for every entry. It is true
    /// for quit and help, which must stay visible at any width.
    var isPinnedInKeyBar: Bool { get }
}

extension KeyAction {
    /// The action's name in the config file: the case name in kebab case, such as
    /// `label-backscatter` for `labelBackscatter`.
    public var configName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase {
                name += "-" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// Returns the action whose `configName` is `name`, or nil.
    static func named(_ name: String) -> Self? {
        allCases.first { $0.configName == name }
    }
}
