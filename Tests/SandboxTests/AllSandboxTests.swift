import Testing

/// Parent of every sandbox suite. Serialized: with two cores, running servers side by side only
/// makes each test slower and timing checks flaky; in series the whole target takes ~15 s.
@Suite(.serialized)
struct AllSandboxTests {}
