/// Range checks for decoded fields the API promises are non-negative (sizes, revisions): a server that sends
/// `"size":-1` gets a decoding error (`malformedResponse`), not a blob the UI would show as "-1 B".
enum ModelValidation {
    static func nonNegative<K: CodingKey, T: BinaryInteger>(_ value: T, _ key: K, in container: KeyedDecodingContainer<K>) throws -> T {
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(value) is negative")
        }
        return value
    }

    static func nonNegative<K: CodingKey, T: BinaryInteger>(optional value: T?, _ key: K, in container: KeyedDecodingContainer<K>) throws -> T? {
        guard let value else { return nil }
        let checked: T = try nonNegative(value, key, in: container)
        return checked
    }
}
