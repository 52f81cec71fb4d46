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
    // Guarded by `mutex`: a ring of `capacity` slots; a taken slot is emptied at once, so the queue never
    // holds on to what the consumer has taken.
    private var slots: [Element?]
    private var head = 0
    private var count = 0
    private var finished = false
    private var cancelled = false

    init(capacity: Int) {
        precondition(capacity > 0, "a handoff holds at least one item")
        self.capacity = capacity
        slots = Array(repeating: nil, count: capacity)
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

    /// Call with `mutex` held and room in the ring.
    private func enqueue(_ item: Element) {
        precondition(count < capacity, "handoff ring overflow")
        slots[(head + count) % capacity] = item
        count += 1
        pthread_cond_broadcast(changed)
    }

    /// Call with `mutex` held and an item in the ring.
    private func dequeue() -> Element? {
        precondition(count > 0, "handoff ring underflow")
        let item = slots[head]
        slots[head] = nil
        head = (head + 1) % capacity
        count -= 1
        pthread_cond_broadcast(changed)
        return item
    }

    /// Queues `item`, waiting for room; false (the item dropped) once the consumer has cancelled.
    func put(_ item: Element) -> Bool {
        locked {
            while count >= capacity && !cancelled { pthread_cond_wait(changed, mutex) }
            guard !cancelled else { return false }
            precondition(!finished, "put after finish")
            enqueue(item)
            return true
        }
    }

    /// Queues `item` if there is room and the consumer has not cancelled, without waiting; false otherwise.
    func offer(_ item: Element) -> Bool {
        locked {
            guard !cancelled && !finished && count < capacity else { return false }
            enqueue(item)
            return true
        }
    }

    /// Every item waiting now, without waiting for more.
    func takeAll() -> [Element] {
        locked {
            var waiting: [Element] = []
            while count > 0, let item = dequeue() { waiting.append(item) }
            return waiting
        }
    }

    /// The next item, waiting for one; nil once the producer has finished and every item was taken.
    func take() -> Element? {
        locked {
            while count == 0 && !finished { pthread_cond_wait(changed, mutex) }
            guard count > 0 else { return nil }
            return dequeue()
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
            slots = Array(repeating: nil, count: capacity)
            head = 0
            count = 0
            pthread_cond_broadcast(changed)
        }
    }
}
