// Writes a deterministic demo history as NDJSON (what `grassroots demo` appends), sized by years and units.
//
//   swift run grassroots-generate [--seed N] [--years Y] [--city-groups G] [--towns T] [--villages V] [--groups-per-village P] > history.ndjson
//   swift run grassroots-generate --stream-events N [--seed N] [--years Y] > large.ndjson
//
// Every event obeys the rules; append it to an empty ledger (seq numbers cited inside assume one).
// --stream-events writes a `CityStream` city of about N events in date order, generated as it is written
// (memory stays flat at any size); it can also follow the default history in the same ledger.
import CanonicalJSON
import Foundation
import Governance
import GrassrootsDemo

var size = DemoGenerator.Size()
var seed: UInt64 = 2026
var arguments = Array(CommandLine.arguments.dropFirst())
var streamEvents = 0
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: grassroots-generate [--seed N] [--years Y] [--city-groups G] [--city-communities C] [--towns T] [--villages V] [--groups-per-village P]\n       grassroots-generate --stream-events N [--seed N] [--years Y]\n".utf8))
    exit(64)
}
while !arguments.isEmpty {
    let name = arguments.removeFirst()
    guard !arguments.isEmpty, let value = Int(arguments.removeFirst()), value > 0 else { usage() }
    switch name {
    case "--seed": seed = UInt64(value)
    case "--years": size.years = min(value, 100)
    case "--city-groups": size.cityGroups = value
    case "--city-communities": size.cityCommunities = value
    case "--towns": size.countyTowns = value
    case "--villages": size.villagesPerTown = value
    case "--groups-per-village": size.groupsPerVillage = value
    case "--stream-events": streamEvents = value
    default: usage()
    }
}
/// Buffers NDJSON lines and writes them to stdout a megabyte at a time.
final class Output {
    var buffer = Data()
    func write(_ request: JSONObject) {
        buffer.append(contentsOf: CanonicalJSON.encode(.object(request)))
        buffer.append(0x0A)
        if buffer.count > 1 << 20 { flush() }
    }
    func flush() {
        FileHandle.standardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
let output = Output()
if streamEvents > 0 {
    var citySize = CityStream.Size()
    citySize.years = min(size.years, 50)
    citySize.groups = CityStream.groups(forEvents: streamEvents, years: size.years)
    var stream = CityStream(seed: seed, size: citySize)
    try stream.generate(output.write)
} else {
    var generator = DemoGenerator(seed: seed, size: size)
    for request in generator.generate() { output.write(request) }
}
output.flush()
