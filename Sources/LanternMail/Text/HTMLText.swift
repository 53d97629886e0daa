import CXML2
import Foundation

/// Visible text and link targets of an HTML part, parsed by libxml2's HTML parser.
///
/// The parser runs with network access disabled (`HTML_PARSE_NONET`), so no external entity
/// or DTD is ever fetched, and in recovery mode, so broken markup still yields text. Entities
/// are decoded by libxml2 in text and attribute values ("&amp;" in a link becomes "&").
/// Scripts, styles and comments are dropped. Nothing is rendered and no URL is opened.
public struct HTMLText: Sendable {
    /// The text, with a line break after each block element.
    public private(set) var text = ""
    /// Values of href, action and src attributes, in document order, as written.
    public private(set) var links: [String] = []

    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses decoded HTML. Any `<meta charset>` in it is ignored (`HTML_PARSE_IGNORE_ENC`):
    /// the caller already decoded the bytes, and a second decoding would garble them.
    /// - Complexity: O(n) in the HTML length.
    public init(html: String) {
        precondition(HTMLText.initialised)
        let bytes = Array(html.utf8)
        // XML_PARSE_HUGE lifts libxml2's nesting limit of 256 elements, past which it drops the
        // rest of the document, so spam could hide text that way. The caller bounds the size.
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_HUGE.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options) }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        if let root = xmlDocGetRootElement(document) {
            collect(from: root)
        }
    }

    private static let blockElements: Set<String> = [
        "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr", "td", "th", "title",
    ]
    /// Elements whose text is never shown. The head is not among them: libxml2 puts unknown
    /// elements that come before the body into the head, and spam uses that to carry its text.
    private static let skippedElements: Set<String> = ["script", "style", "noscript", "template"]
    private static let linkAttributes = ["href", "action", "src"]

    /// Walks the tree without recursion: spam nests tags thousands deep.
    private mutating func collect(from root: UnsafeMutablePointer<xmlNode>) {
        // `nil` entries mark the end of a block element, where a line break follows its text.
        var stack: [UnsafeMutablePointer<xmlNode>?] = [root]
        while let entry = stack.popLast() {
            guard let node = entry else {
                text += "\n"
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    text += String(cString: content)
                }
            case XML_ELEMENT_NODE:
                let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if HTMLText.skippedElements.contains(name) { continue }
                for attribute in HTMLText.linkAttributes {
                    if let value = xmlGetProp(node, attribute) {
                        links.append(String(cString: value))
                        xmlFree(value)
                    }
                }
                if HTMLText.blockElements.contains(name) {
                    text += "\n"
                    stack.append(nil)
                }
                var children: [UnsafeMutablePointer<xmlNode>?] = []
                var child = node.pointee.children
                while let current = child {
                    children.append(current)
                    child = current.pointee.next
                }
                stack.append(contentsOf: children.reversed())
            default:
                continue
            }
        }
    }
}
