import Foundation
@testable import Sandbox
import Testing

extension AllSandboxTests {
    @Suite("Wire formats: times, media types, queries, JSON, log escaping")
    struct WireFormatTests {
        @Test(arguments: [
            (Int64(1_717_419_605_120), "2024-06-03T13:00:05.12Z"),
            (Int64(1_717_419_605_000), "2024-06-03T13:00:05Z"),
            (Int64(1_717_419_605_001), "2024-06-03T13:00:05.001Z"),
            (Int64(0), "1970-01-01T00:00:00Z"),
            (Int64(951_782_400_500), "2000-02-29T00:00:00.5Z"),
        ])
        func timeFormatting(milliseconds: Int64, text: String) {
            #expect(WireTime.format(milliseconds) == text)
            #expect(WireTime.parse(text) == milliseconds)
        }

        @Test func timeParsing() {
            #expect(WireTime.parse("2024-06-03T15:00:05.123456789+02:00") == 1_717_419_605_123)
            #expect(WireTime.parse("2024-06-03t13:00:05z") == 1_717_419_605_000)
            for bad in ["2024-06-03T13:00:05", "2024-06-03 13:00:05Z", "2024-02-30T00:00:00Z", "2024-06-03T24:00:00Z",
                        "2024-06-03T13:00:05.Z", "2024-06-03T13:00:05.1234567891Z", "yesterday", ""] {
                #expect(WireTime.parse(bad) == nil, "\(bad)")
            }
        }

        @Test func mediaTypes() {
            #expect(MediaType.normalize("Text/Plain; Charset=UTF-8") == "text/plain; charset=UTF-8")
            #expect(MediaType.normalize("application/json;b=2;a=1") == "application/json; a=1; b=2")
            #expect(MediaType.normalize("text/plain; name=\"a b\"") == "text/plain; name=\"a b\"")
            #expect(MediaType.normalize("text/plain;") == "text/plain")
            #expect(MediaType.normalize("application") == "application")
            for bad in ["", "text/", "/plain", "text/plain; a", "text/plain; a=1; a=2", "te xt/plain", "text/plain; =1"] {
                #expect(MediaType.normalize(bad) == nil, "\(bad)")
            }
        }

        @Test func queryParsing() {
            let query = QueryParameters("a=1&b=x+y&a=2&c&d=%2B%zz&e=%41")
            #expect(query.values["a"] == ["1", "2"])
            #expect(query.values["b"] == ["x y"])
            #expect(query.values["c"] == [""])
            #expect(query.values["d"] == nil)
            #expect(query.values["e"] == ["A"])
            var reader = QueryReader(QueryParameters("page=1&page=2&size=5&x=1"))
            _ = reader.page()
            _ = reader.size()
            #expect(reader.finish() == [.valueDuplicate("page"), .notParsed("x")])
        }

        @Test func jsonEscapingLikeGo() {
            let text = JSONText.object([("k", .string("<a&b>\u{2028}\"\\\n\u{01}é"))]).encoded
            #expect(text == #"{"k":"\u003ca\u0026b\u003e\u2028\"\\\n\u0001é"}"#)
        }

        @Test func logSanitizer() {
            let hostile = "/v1/\u{1B}]0;pwned\u{07}\u{1B}[31m\u{9B}2J\r\u{202E}li\\ne"
            let escaped = LogSanitizer.escape(hostile)
            #expect(escaped == #"/v1/\x1b]0;pwned\x07\x1b[31m\x9b2J\x0d\u{202e}li\\ne"#)
            #expect(escaped.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
        }

        @Test func digestHeaders() {
            #expect(HeaderRules.parseDigest("MD5=HUXZLQLMuI/KZ5KDcJPcOA==") == "HUXZLQLMuI/KZ5KDcJPcOA==")
            #expect(HeaderRules.parseDigest("md5=HUXZLQLMuI/KZ5KDcJPcOA==") == "HUXZLQLMuI/KZ5KDcJPcOA==")
            #expect(HeaderRules.parseDigest("Md5=HUXZLQLMuI/KZ5KDcJPcOA==") != nil)
            #expect(HeaderRules.parseDigest("SHA-256=HUXZLQLMuI/KZ5KDcJPcOA==") == nil)
            #expect(HeaderRules.parseDigest("MD5=HUXZLQLMuI/KZ5KDcJPcOA") == nil)
            #expect(HeaderRules.parseDigest("MD5HUXZLQLMuI/KZ5KDcJPcOA==") == nil)
        }

        @Test func demoFilesAreValid() {
            let png = DemoContent.png()
            #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(DemoContent.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
            let zip = DemoContent.zip([("a.txt", Array("hi".utf8))])
            #expect(zip.prefix(4) == [0x50, 0x4B, 0x03, 0x04])
            #expect(zip.suffix(22).prefix(4) == [0x50, 0x4B, 0x05, 0x06])
            let pdf = String(decoding: DemoContent.pdf(title: "x"), as: UTF8.self)
            let xref = pdf.range(of: "startxref\n")!.upperBound
            let offset = Int(pdf[xref...].prefix { $0.isNumber })!
            #expect(pdf.utf8.dropFirst(offset).starts(with: "xref".utf8))
        }
    }
}
