/// One mailbox from an address header: the address and its decoded display name.
///
/// The name is decoded only after the header was split into mailboxes, so a name that decodes
/// to "Bank <security@bank.example.com>" stays a name and never becomes the address.
public struct MailAddress: Sendable, Equatable, Codable {
    public var address: String
    public var displayName: String

    public init(address: String, displayName: String) {
        self.address = address
        self.displayName = displayName
    }
}
