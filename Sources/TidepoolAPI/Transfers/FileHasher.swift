import Crypto
import Foundation

/// Transfer limits and sizes.
public enum TransferLimits {
    /// The service's `blob.SizeMaximum`: larger bodies get 413 (checked here before sending anything).
    public static let maximumBodyBytes: Int64 = 104_857_600
    /// Size of the reads while hashing and of the write buffer while downloading.
    public static let chunkBytes = 1 << 20
    /// How much libcurl asks the read callback for at a time while uploading.
    public static let uploadChunkBytes = 512 << 10
}

/// Identity of a file's content as far as the file system tells: size and modification time.
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var mtimeSeconds: Int
    var mtimeNanoseconds: Int
    var inode: UInt64

    init(_ st: stat) {
        size = Int64(st.st_size)
        mtimeSeconds = Int(st.st_mtim.tv_sec)
        mtimeNanoseconds = Int(st.st_mtim.tv_nsec)
        inode = UInt64(st.st_ino)
    }

    static func of(fd: Int32) -> FileStamp? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileStamp(st)
    }

    /// Words for what changed since `earlier`.
    func change(since earlier: FileStamp) -> String? {
        if inode != earlier.inode { return "the file was replaced" }
        if size != earlier.size { return "size was \(earlier.size) bytes when hashed, now \(size)" }
        if mtimeSeconds != earlier.mtimeSeconds || mtimeNanoseconds != earlier.mtimeNanoseconds {
            return "modification time changed after hashing"
        }
        return nil
    }
}

/// MD5 helpers (the service's `Digest: MD5=<base64>`).
public enum MD5Digest {
    public static func base64<D: Digest>(_ digest: D) -> String { Data(digest).base64EncodedString() }

    public static func hex(base64: String) -> String? {
        guard let data = Data(base64Encoded: base64) else { return nil }
        return data.map { String(format: "%02x", $0) }.joined()
    }

    /// Base64 MD5 of a whole file, read in chunks (memory stays bounded).
    public static func ofFile(_ url: URL) throws -> String {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw APIError(.localIO("cannot open \(url.path): \(AtomicFileWriter.describe(errno))")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw APIError(.localIO("cannot stat \(url.path): \(AtomicFileWriter.describe(errno))")) }
        return try FileHasher.md5(fd: fd, size: Int64(st.st_size), path: url.path, cancel: nil) { _ in }
    }

    /// The MD5 value of a `Digest` header (`MD5=…`, `md5=…`, possibly one of several comma-separated values).
    public static func fromDigestHeader(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let eq = item.firstIndex(of: "=") else { continue }
            if item[..<eq].trimmingCharacters(in: .whitespaces).lowercased() == "md5" {
                let value = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}

/// Reads an open file in chunks and hashes it with MD5 (first pass of an upload).
enum FileHasher {
    /// Hashes `size` bytes of `fd` from offset 0. Throws `.fileChanged` when the file is shorter or longer than
    /// `size`, `.cancelled` when `cancel` is set, `.localIO` on a read error.
    static func md5(fd: Int32, size: Int64, path: String, cancel: CancelFlag?, progress: (Int64) -> Void) throws -> String {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: TransferLimits.chunkBytes, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = Insecure.MD5()
        var done: Int64 = 0
        while true {
            if cancel?.isCancelled == true { throw APIError(.cancelled) }
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw APIError(.localIO("cannot read \(path): \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            done += Int64(n)
            if done > size { throw APIError(.fileChanged("\(path) grew while it was being hashed")) }
            progress(done)
        }
        if done < size {
            throw APIError(.fileChanged("\(path) is \(done) bytes, \(size) expected (it shrank while being hashed)"))
        }
        return MD5Digest.base64(hasher.finalize())
    }
}
