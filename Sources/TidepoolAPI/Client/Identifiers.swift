/// Client-side checks of ids before they go into a path, so garbage gets a clear message instead of a request.
public enum TidepoolID {
    /// Blob and device-log ids: `^[0-9a-z]{32}$`.
    public static func isBlobID(_ s: String) -> Bool {
        s.utf8.count == 32 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Tidepool user ids: 10 lower-case hex digits (old style) or a UUID (`8-4-4-4-12` hex, either case).
    public static func isUserID(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        if bytes.count == 10 { return bytes.allSatisfy(isLowerHex) }
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) { if b != 0x2D { return false } } else if !isHex(b) { return false }
        }
        return true
    }

    /// Clinic ids are Mongo ObjectIds: 24 hex digits.
    public static func isClinicID(_ s: String) -> Bool {
        s.utf8.count == 24 && s.utf8.allSatisfy(isHex)
    }

    @discardableResult
    public static func validateBlobID(_ s: String, what: String = "blob id") throws -> String {
        guard isBlobID(s) else {
            throw APIError(.invalidArgument("\"\(s.prefix(80))\" is not a valid \(what) (expected 32 characters 0-9, a-z)"))
        }
        return s
    }

    @discardableResult
    public static func validateUserID(_ s: String) throws -> String {
        guard isUserID(s) else {
            throw APIError(.invalidArgument("\"\(s.prefix(80))\" is not a valid user id (expected 10 hex digits or a UUID)"))
        }
        return s
    }

    private static func isLowerHex(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) || (0x61...0x66).contains(b) }
    private static func isHex(_ b: UInt8) -> Bool { isLowerHex(b) || (0x41...0x46).contains(b) }
}
