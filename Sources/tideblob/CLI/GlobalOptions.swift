import ArgumentParser

/// Options every API command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("env"),
            help: "Environment: production, integration, dev1, qa1, qa2 or sandbox (default: $TIDEBLOB_ENV, else production).")
    var env: String?

    @Option(name: .customLong("url"), help: "Base URL of a Tidepool deployment instead of --env (default: $TIDEBLOB_URL).")
    var url: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow plain http:// to a host that is not loopback.")
    var insecureHTTP = false

    @Flag(name: .customLong("json"), help: "Print JSON for scripts instead of tables (shape in each command's help).")
    var json = false

    @Flag(name: .customLong("read-only"), help: "Refuse every write (upload, delete). Also $TIDEBLOB_READ_ONLY=1.")
    var readOnly = false
}
