import Foundation

/// Reading the messages of one mail file, each as bytes or as the reason it cannot be read.
public enum MailReader {
    /// Calls `body` with each message's number (from 0) and its bytes or its failure.
    ///
    /// An mbox is memory-mapped, so its size does not bound memory; each message is copied
    /// once. A message over `limits.maxMessageBytes` is reported without being read.
    /// - Complexity: O(n) in the file size.
    public static func forEachMessage(in file: MailSource.File, limits: MailLimits,
                                      _ body: (Int, Result<[UInt8], MailError>) -> Void) {
        let url = URL(fileURLWithPath: file.path)
        switch file.kind {
        case .message:
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            guard size <= limits.maxMessageBytes else {
                body(0, .failure(.tooLarge(bytes: size, limit: limits.maxMessageBytes)))
                return
            }
            do {
                let data = try Data(contentsOf: url)
                body(0, data.isEmpty ? .failure(.unparsable(reason: "empty file")) : .success([UInt8](data)))
            } catch {
                body(0, .failure(.unreadable(path: file.path, reason: error.localizedDescription)))
            }
        case .mbox:
            let data: Data
            do {
                data = try Data(contentsOf: url, options: .alwaysMapped)
            } catch {
                body(0, .failure(.unreadable(path: file.path, reason: error.localizedDescription)))
                return
            }
            data.withUnsafeBytes { bytes in
                for (index, range) in MboxSplitter.messageRanges(bytes).enumerated() {
                    if range.count > limits.maxMessageBytes {
                        body(index, .failure(.tooLarge(bytes: range.count, limit: limits.maxMessageBytes)))
                    } else {
                        body(index, .success(MboxSplitter.unescaped(bytes, range: range)))
                    }
                }
            }
        }
    }
}
