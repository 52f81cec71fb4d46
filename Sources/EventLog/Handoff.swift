#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded queue from one producing thread to one consuming thread: `put` waits while `capacity` items
/// are waiting, `take` waits while none is. The producer calls `finish` when done; the consumer calls
/// `cancel` when it stops early, which releases a waiting producer (its `put` returns false).
final class Handoff<Element: Sendable>: @unchecked Sendable {
    let capacity: Int
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let changed: UnsafeMutablePointer<pthread_cond_t>
    // Guarded by `mutex`.
    private var items: [Element] = []
    private var head = 0
    private var finished = false
    private var cancelled = false

    init(capacity: Int) {
        precondition(capacity > 0, "a handoff holds at least one item")
        self.capacity = capacity
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        changed = .allocate(capacity: 1)
        changed.initialize(to: pthread_cond_t())
        precondition(pthread_mutex_init(mutex, nil) == 0 && pthread_cond_init(changed, nil) == 0, "pthread init failed")
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    private func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Queues `item`, waiting for room; false (the item dropped) once the consumer has cancelled.
    func put(_ item: Element) -> Bool {
        locked {
            while items.count - head >= capacity && !cancelled { pthread_cond_wait(changed, mutex) }
            guard !cancelled else { return false }
            precondition(!finished, "put after finish")
            if head > 0 && head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            }
            items.append(item)
            pthread_cond_broadcast(changed)
            return true
        }
    }

    /// The next item, waiting for one; nil once the producer has finished and every item was taken.
    func take() -> Element? {
        locked {
            while head == items.count && !finished { pthread_cond_wait(changed, mutex) }
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            }
            pthread_cond_broadcast(changed)
            return item
        }
    }

    func finish() {
        locked {
            finished = true
            pthread_cond_broadcast(changed)
        }
    }

    func cancel() {
        locked {
            cancelled = true
            items.removeAll()
            head = 0
            pthread_cond_broadcast(changed)
        }
    }
}
