#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value handed to another thread by a caller that guarantees only one thread uses it at a time.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A POSIX thread running one closure; `join` waits for it. Used by `Environment.readConcurrently`.
final class SpawnedThread {
    private final class Start {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    #if canImport(Glibc)
    private var thread = pthread_t()
    #else
    private var thread: pthread_t?
    #endif
    private var joined = false

    init(_ work: @escaping @Sendable () -> Void) throws(LMDBError) {
        let start = Unmanaged.passRetained(Start(work)).toOpaque()
        let rc = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Start>.fromOpaque(argument).takeRetainedValue().work()
            return nil
        }, start)
        guard rc == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            joined = true
            throw LMDBError(code: rc, operation: "pthread_create")
        }
    }

    func join() {
        guard !joined else { return }
        joined = true
        #if canImport(Glibc)
        let rc = pthread_join(thread, nil)
        #else
        guard let thread else { return }
        let rc = pthread_join(thread, nil)
        #endif
        precondition(rc == 0, "pthread_join failed: \(rc)")
    }

    deinit { precondition(joined, "a spawned thread must be joined") }
}
