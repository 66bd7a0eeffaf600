import Sandbox

/// The operations of the fault matrix, as a user triggers them.
enum FaultOperation: String, CaseIterable, Sendable {
    case list, info, upload, download, delete, logsUpload, logsList, logsShow, login

    /// The sandbox operation whose responses a route fault breaks.
    var sandboxOperation: SandboxOperation {
        switch self {
        case .list: return .listBlobs
        case .info: return .blobInfo
        case .upload: return .uploadBlob
        case .download: return .downloadBlob
        case .delete: return .deleteBlob
        case .logsUpload: return .uploadDeviceLogs
        case .logsList: return .listDeviceLogs
        case .logsShow: return .downloadDeviceLogs   // `logs show` reads the chunk's content
        case .login: return .login
        }
    }
}

/// One injected fault: a sandbox route fault, or a listener / name / certificate that fails the transport.
enum InjectedFault: Hashable, Sendable, CustomStringConvertible {
    case route(SandboxRouteFaultKind)
    /// A listener that accepts and closes at once.
    case acceptAndClose
    /// A listener that reads the request and never answers (stall / timeout).
    case neverAnswer
    /// A `.invalid` host name.
    case dnsFailure
    /// A self-signed loopback HTTPS listener.
    case tlsFailure

    var description: String {
        switch self {
        case .route(let kind): return kind.parameter.map { "\(kind.name):\($0)" } ?? kind.name
        case .acceptAndClose: return "acceptAndClose"
        case .neverAnswer: return "neverAnswer"
        case .dnsFailure: return "dnsFailure"
        case .tlsFailure: return "tlsFailure"
        }
    }

    var isTransport: Bool { if case .route = self { return false } else { return true } }

    /// The drip interval: one byte every 2 s = 0.5 byte/s, below the 1 byte/s stall limit.
    static let dripMilliseconds = 2000

    static let all: [InjectedFault] = [
        .route(.status500Text), .route(.malformedJSON), .route(.truncatedJSON), .route(.wrongTypes), .route(.emptyOK),
        .route(.wrongDigest), .route(.cutAfter(bytes: 0)), .route(.cutAfter(bytes: 1)), .route(.cutAfter(bytes: 100)),
        .route(.drip(intervalMilliseconds: dripMilliseconds)), .route(.refreshFails),
        .acceptAndClose, .neverAnswer, .dnsFailure, .tlsFailure,
    ]
}

/// Which (operation × fault) pairs run, and why the others cannot.
///
/// | operation            | fault(s)                                         | why it is not in the matrix                    |
/// |----------------------|--------------------------------------------------|------------------------------------------------|
/// | download             | malformedJSON, truncatedJSON, wrongTypes          | content is opaque bytes and these faults       |
/// |                      |                                                  | recompute the Digest, so the result is a valid |
/// |                      |                                                  | download of other bytes; corrupt content under |
/// |                      |                                                  | the real digest is the wrongDigest / emptyOK / |
/// |                      |                                                  | cutAfter rows                                  |
/// | delete               | malformedJSON, truncatedJSON, wrongTypes,        | the answer is 204 with no body: there is       |
/// |                      | emptyOK, wrongDigest, cutAfter:*, drip           | nothing to corrupt, cut or drip, and the       |
/// |                      |                                                  | deletion has happened (a 200 is success)       |
/// | list, info, logsList,| wrongDigest                                      | these answers carry no digest the client can   |
/// | login                |                                                  | check (info's digestMD5 is just a field)       |
/// | login                | refreshFails                                     | signing in has no session to refresh           |
///
/// Front end TUI (headless BrowserStore + LiveBackend): the same pairs for list, download, upload, delete, logsList
/// and logsShow, except:
///
/// | operation            | fault(s)                 | why                                                            |
/// |----------------------|--------------------------|----------------------------------------------------------------|
/// | info                 | all                      | the detail overlay shows the listed record: no request is made |
/// | logsUpload, login    | all                      | the TUI has no device-log upload and no sign-in screen         |
/// | download, upload,    | transport faults         | unreachable: with the listener in place the blob/log list they |
/// | delete, logsShow     |                          | start from cannot load (its failure is the list rows); the TUI |
/// |                      |                          | uses the same client as the CLI rows                           |
enum FaultApplicability {
    static func reasonExcluded(_ op: FaultOperation, _ fault: InjectedFault, tui: Bool) -> String? {
        if tui {
            switch op {
            case .info: return "TUI detail shows the listed record; no request"
            case .logsUpload, .login: return "TUI has no such action"
            default: break
            }
            if fault.isTransport, ![.list, .logsList].contains(op) { return "TUI cannot reach it past a failed list" }
        }
        guard case .route(let kind) = fault else { return nil }
        switch (op, kind) {
        case (.download, .malformedJSON), (.download, .truncatedJSON), (.download, .wrongTypes):
            return "opaque content with a recomputed digest is valid content"
        case (.delete, .malformedJSON), (.delete, .truncatedJSON), (.delete, .wrongTypes), (.delete, .emptyOK),
             (.delete, .wrongDigest), (.delete, .cutAfter), (.delete, .drip):
            return "204 without a body: nothing to corrupt"
        case (.list, .wrongDigest), (.info, .wrongDigest), (.logsList, .wrongDigest), (.login, .wrongDigest):
            return "no digest to check in this answer"
        case (.login, .refreshFails):
            return "no session to refresh while signing in"
        default:
            return nil
        }
    }

    /// Every (operation × fault) pair that runs for a front end.
    static func cases(tui: Bool) -> [(FaultOperation, InjectedFault)] {
        FaultOperation.allCases.flatMap { op in
            InjectedFault.all.compactMap { fault in reasonExcluded(op, fault, tui: tui) == nil ? (op, fault) : nil }
        }
    }
}
