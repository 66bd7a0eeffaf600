import Foundation

// tideblob-bench: a small dispatcher over benchmark modes.
//   tideblob-bench [transfer] [--runs N]      transfer engine vs curl + md5sum (default)
//   tideblob-bench render                     TUI render benchmark (added by the TUI engineer)
//   tideblob-bench --child upload|download …  internal: one measured transfer in a child process

var arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--child" {
    exit(await ChildMode.run(Array(arguments.dropFirst())))
}

let mode = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "transfer"
if arguments.first == mode { arguments.removeFirst() }

switch mode {
case "transfer":
    do {
        try await TransferBench(options: BenchOptions(arguments)).run()
    } catch {
        FileHandle.standardError.write(Data("tideblob-bench: \(error)\n".utf8))
        exit(1)
    }
case "render":
    do { try RenderBench.run() } catch {
        FileHandle.standardError.write(Data("tideblob-bench: \(error)\n".utf8))
        exit(1)
    }
default:
    FileHandle.standardError.write(Data("tideblob-bench: unknown mode \(mode) (transfer, render)\n".utf8))
    exit(2)
}
