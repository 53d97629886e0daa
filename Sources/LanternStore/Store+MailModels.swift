import Foundation

extension Store {
    /// Saves a new mail model version and returns its number.
    ///
    /// Mail versions live in `mail_models`, beside the backscatter versions in `models`, so that
    /// `latestModel()` keeps returning the backscatter model and the two numberings stay apart.
    public func saveMailModel(active: Bool, description: String, trainedOn: String, state: [UInt8]) throws -> Int {
        try database.transaction {
            try database.prepare("INSERT INTO mail_models(created_at, active, description, trained_on, state) VALUES (?, ?, ?, ?, ?)")
                .run([.real(Date().timeIntervalSince1970), .integer(active ? 1 : 0), .text(description), .text(trainedOn), .blob(state)])
            return Int(database.lastInsertRowID)
        }
    }

    /// Returns the newest mail model version, or `nil` when no mail model was saved.
    public func latestMailModel() throws -> StoredModel? {
        try database.prepare("SELECT version, created_at, active, description, trained_on, state FROM mail_models ORDER BY version DESC LIMIT 1")
            .rows { StoredModel(version: Int($0.int(0)), createdAt: $0.double(1), active: $0.int(2) != 0, description: $0.text(3), trainedOn: $0.text(4), state: $0.blob(5)) }
            .first
    }

    /// Writes verdicts like `updateMailVerdicts(_:)` and records `modelVersion` as the version that
    /// scored each message, in one transaction.
    public func updateMailVerdicts(_ verdicts: [(id: Int64, verdict: String, confidence: Double, unknown: Bool)], modelVersion: Int) throws {
        try database.transaction {
            let statement = try database.prepare(
                "UPDATE mail_messages SET verdict = ?, confidence = ?, unknown = ?, model_version = ? WHERE id = ?")
            for entry in verdicts {
                try statement.run([
                    .text(entry.verdict), .real(entry.confidence), .integer(entry.unknown ? 1 : 0), .integer(Int64(modelVersion)),
                    .integer(entry.id),
                ])
            }
        }
    }

    /// Clears every message's verdict and confidence and marks it unknown, for a mail model
    /// version that cannot be trained yet (labels of one class or none).
    public func markAllMailUnknown(modelVersion: Int) throws {
        try database.prepare("UPDATE mail_messages SET verdict = NULL, confidence = NULL, unknown = 1, model_version = ?")
            .run([.integer(Int64(modelVersion))])
    }
}
