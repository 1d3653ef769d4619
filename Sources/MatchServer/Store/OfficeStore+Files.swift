import Foundation
import GRDB

extension OfficeStore {
    /// A stored input file's content as received (nil when the round has none of that role).
    func fileContent(round id: Int64, role: String) async throws -> [UInt8]? {
        try await pool.read { db in
            try Data.fetchOne(
                db, sql: "SELECT content FROM round_file WHERE round_id = ? AND role = ?", arguments: [id, role]
            ).map { Array($0) }
        }
    }
}
