/// The flags in a Maildir message's file name, read from the base name only.
///
/// The standard name is "unique:2,FLAGS" (flags in ASCII order: D draft, F flagged, P passed,
/// R replied, S seen, T trashed). Only the last path component is looked at, so a ":" in a
/// folder name (a snapshot called "snap:2023-11-14") never changes the flags. An unusual info
/// part (such as ":2:2,RS", written by some tools) yields the flags after its last ",", when
/// they are all flag letters, plus a warning.
public struct MaildirName: Sendable, Equatable {
    /// Flag letters, sorted, without repeats; empty for a message in new/.
    public var flags: String
    /// Set when the name's info part is not the standard ":2,FLAGS".
    public var warning: String?

    public init(fileName: String) {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        flags = ""
        guard let colon = base.firstIndex(of: ":") else { return }
        let info = base[base.index(after: colon)...]
        if info.hasPrefix("2,"), info.dropFirst(2).allSatisfy(MaildirName.isFlag) {
            flags = MaildirName.normalised(info.dropFirst(2))
            return
        }
        if let comma = info.lastIndex(of: ","), info[info.index(after: comma)...].allSatisfy(MaildirName.isFlag) {
            flags = MaildirName.normalised(info[info.index(after: comma)...])
            warning = "unusual Maildir info part ':\(info)'; read flags '\(flags)' from its last section"
        } else {
            warning = "unusual Maildir info part ':\(info)'; no flags read"
        }
    }

    private static func isFlag(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }

    private static func normalised(_ letters: Substring) -> String {
        String(Set(letters.uppercased()).sorted())
    }
}
