import Foundation
import GRDB

/// Blob and device-log metadata in SQLite (`sandbox.sqlite` in the data directory).
/// Every change is one transaction; content files are renamed into place before the
/// metadata commit, so a visible row always has its content.
final class MetadataStore: Sendable {
    private let db: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        db = try DatabaseQueue(path: path, configuration: configuration)
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS blobs (
                    id TEXT PRIMARY KEY NOT NULL, userId TEXT NOT NULL, mediaType TEXT NOT NULL,
                    digestMD5 TEXT, size INTEGER, status TEXT NOT NULL, createdTime INTEGER NOT NULL,
                    modifiedTime INTEGER, revision INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS blobs_user ON blobs(userId, createdTime);
                CREATE TABLE IF NOT EXISTS deviceLogs (
                    id TEXT PRIMARY KEY NOT NULL, userId TEXT NOT NULL, mediaType TEXT NOT NULL,
                    digestMD5 TEXT NOT NULL, size INTEGER NOT NULL, createdTime INTEGER NOT NULL,
                    startAtTime INTEGER NOT NULL, endAtTime INTEGER NOT NULL, revision INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS deviceLogs_user ON deviceLogs(userId, createdTime);
                CREATE TABLE IF NOT EXISTS sandboxMeta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                """)
        }
    }

    // MARK: Bookkeeping

    func metaValue(_ key: String) throws -> String? {
        try db.read { try String.fetchOne($0, sql: "SELECT value FROM sandboxMeta WHERE key = ?", arguments: [key]) }
    }

    func setMetaValue(_ key: String, _ value: String) throws {
        try db.write { try $0.execute(sql: "INSERT OR REPLACE INTO sandboxMeta(key, value) VALUES (?, ?)", arguments: [key, value]) }
    }

    /// Ids with content on disk, for orphan clean-up at start-up.
    func contentIds() throws -> Set<String> {
        try db.read { db in
            Set(try String.fetchAll(db, sql: "SELECT id FROM blobs WHERE status = 'available' UNION SELECT id FROM deviceLogs"))
        }
    }

    // MARK: Blobs

    func insert(_ blobs: [BlobRecord], _ logs: [DeviceLogRecord] = []) throws {
        try db.write { db in
            for blob in blobs {
                try db.execute(sql: """
                    INSERT INTO blobs(id, userId, mediaType, digestMD5, size, status, createdTime, modifiedTime, revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [blob.id, blob.userId, blob.mediaType, blob.digestMD5, blob.size, blob.status,
                                     blob.createdTime, blob.modifiedTime, blob.revision])
            }
            for log in logs {
                try db.execute(sql: """
                    INSERT INTO deviceLogs(id, userId, mediaType, digestMD5, size, createdTime, startAtTime, endAtTime, revision)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [log.id, log.userId, log.mediaType, log.digestMD5, log.size, log.createdTime,
                                     log.startAtTime, log.endAtTime, log.revision])
            }
        }
    }

    func blob(id: String) throws -> BlobRecord? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM blobs WHERE id = ?", arguments: [id]).map(Self.blob(from:))
        }
    }

    func listBlobs(userId: String, statuses: [String], mediaTypes: [String]?, page: Int, size: Int) throws -> [BlobRecord] {
        var sql = "SELECT * FROM blobs WHERE userId = ?"
        var arguments: [(any DatabaseValueConvertible)?] = [userId]
        sql += " AND status IN (" + statuses.map { _ in "?" }.joined(separator: ",") + ")"
        arguments += statuses.map { $0 as (any DatabaseValueConvertible)? }
        if let mediaTypes {
            sql += " AND mediaType IN (" + mediaTypes.map { _ in "?" }.joined(separator: ",") + ")"
            arguments += mediaTypes.map { $0 as (any DatabaseValueConvertible)? }
        }
        sql += " ORDER BY createdTime DESC, rowid DESC LIMIT ? OFFSET ?"
        arguments += [size, page * size]
        let statementArguments = StatementArguments(arguments)
        return try db.read { db in
            try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(Self.blob(from:))
        }
    }

    /// Deletes the blob if it exists (and has `revision`, when given); returns the deleted row.
    func deleteBlob(id: String, revision: Int64?) throws -> BlobRecord? {
        try db.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM blobs WHERE id = ?", arguments: [id]) else { return nil }
            let blob = Self.blob(from: row)
            if let revision, blob.revision != revision { return nil }
            try db.execute(sql: "DELETE FROM blobs WHERE id = ?", arguments: [id])
            return blob
        }
    }

    /// Simulates another service updating the blob: revision + 1, modifiedTime now. Returns the updated row.
    func bumpRevision(id: String, modifiedTime: Int64) throws -> BlobRecord? {
        try db.write { db in
            try db.execute(sql: "UPDATE blobs SET revision = revision + 1, modifiedTime = ? WHERE id = ?",
                           arguments: [modifiedTime, id])
            guard db.changesCount > 0 else { return nil }
            return try Row.fetchOne(db, sql: "SELECT * FROM blobs WHERE id = ?", arguments: [id]).map(Self.blob(from:))
        }
    }

    func deleteAllBlobs(userId: String) throws -> [BlobRecord] {
        try db.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM blobs WHERE userId = ?", arguments: [userId]).map(Self.blob(from:))
            try db.execute(sql: "DELETE FROM blobs WHERE userId = ?", arguments: [userId])
            return rows
        }
    }

    // MARK: Device logs

    func deviceLog(id: String) throws -> DeviceLogRecord? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM deviceLogs WHERE id = ?", arguments: [id]).map(Self.deviceLog(from:))
        }
    }

    /// `startAtTime >= start` and `endAtTime < end`, newest created first.
    func listDeviceLogs(userId: String, start: Int64?, end: Int64?, page: Int, size: Int) throws -> [DeviceLogRecord] {
        var sql = "SELECT * FROM deviceLogs WHERE userId = ?"
        var arguments: [(any DatabaseValueConvertible)?] = [userId]
        if let start { sql += " AND startAtTime >= ?"; arguments.append(start) }
        if let end { sql += " AND endAtTime < ?"; arguments.append(end) }
        sql += " ORDER BY createdTime DESC, rowid DESC LIMIT ? OFFSET ?"
        arguments += [size, page * size]
        let statementArguments = StatementArguments(arguments)
        return try db.read { db in
            try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(Self.deviceLog(from:))
        }
    }

    // MARK: Rows

    private static func blob(from row: Row) -> BlobRecord {
        BlobRecord(id: row["id"], userId: row["userId"], mediaType: row["mediaType"], digestMD5: row["digestMD5"],
                   size: row["size"], status: row["status"], createdTime: row["createdTime"],
                   modifiedTime: row["modifiedTime"], revision: row["revision"])
    }

    private static func deviceLog(from row: Row) -> DeviceLogRecord {
        DeviceLogRecord(id: row["id"], userId: row["userId"], mediaType: row["mediaType"], digestMD5: row["digestMD5"],
                        size: row["size"], createdTime: row["createdTime"], startAtTime: row["startAtTime"],
                        endAtTime: row["endAtTime"], revision: row["revision"])
    }
}
