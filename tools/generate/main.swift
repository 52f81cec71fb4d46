// Writes a deterministic demo history as NDJSON (what `grassroots demo` appends), sized by years and units.
//
//   swift run grassroots-generate [--seed N] [--years Y] [--city-groups G] [--towns T] [--villages V] [--groups-per-village P] > history.ndjson
//
// Every event obeys the rules; append it to an empty ledger (seq numbers cited inside assume one).
import CanonicalJSON
import Foundation
import Governance

var size = DemoGenerator.Size()
var seed: UInt64 = 2026
var arguments = Array(CommandLine.arguments.dropFirst())
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: grassroots-generate [--seed N] [--years Y] [--city-groups G] [--city-communities C] [--towns T] [--villages V] [--groups-per-village P]\n".utf8))
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
    default: usage()
    }
}
var generator = DemoGenerator(seed: seed, size: size)
var out = Data()
for request in generator.generate() {
    out.append(contentsOf: CanonicalJSON.encode(.object(request)))
    out.append(0x0A)
    if out.count > 1 << 20 {
        FileHandle.standardOutput.write(out)
        out.removeAll(keepingCapacity: true)
    }
}
FileHandle.standardOutput.write(out)
