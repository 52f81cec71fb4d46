// Writes the JSON Schema of every event type in the catalog to Schemas/events/.
//
//   swift run grassroots-schemas [DIR]        (default Schemas/events)
//
// A published schema is never edited: an existing file whose content differs is refused (exit 1) with
// the advice to add the type again under a new schema version.
import Foundation
import Governance
import GovernanceCodegen

let directory = CommandLine.arguments.dropFirst().first ?? "Schemas/events"
var written = 0
var refused: [String] = []
do {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
} catch {
    FileHandle.standardError.write(Data("cannot create \(directory): \(error)\n".utf8))
    exit(1)
}
// The policy document's schema sits one level up, beside the envelope's.
let files: [(path: String, text: String)] = EventCatalog.all.map { (directory + "/" + $0.schemaFileName, SchemaGenerator.text(for: $0)) }
    + [(directory + "/../policy.v1.schema.json", SchemaGenerator.policyText),
       (directory + "/../policy.v2.schema.json", SchemaGenerator.policyV2Text),
       (directory + "/../policy.v3.schema.json", SchemaGenerator.policyV3Text),
       (directory + "/../policy.v4.schema.json", SchemaGenerator.policyV4Text)]
// The typed Swift events are generated from the same specs; unlike schemas, they are rewritten freely.
let generatedSwift = directory + "/../../Sources/Governance/Catalog/Events.generated.swift"
if FileManager.default.contents(atPath: generatedSwift) != Data(CodeGenerator.source().utf8) {
    guard FileManager.default.createFile(atPath: generatedSwift, contents: Data(CodeGenerator.source().utf8)) else {
        FileHandle.standardError.write(Data("cannot write \(generatedSwift)\n".utf8))
        exit(1)
    }
    print("rewrote \(generatedSwift)")
}
for (path, text) in files {
    let name = String(path.split(separator: "/").last ?? "")
    if let existing = FileManager.default.contents(atPath: path) {
        if existing != Data(text.utf8) { refused.append(name) }
        continue
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        FileHandle.standardError.write(Data("cannot write \(path)\n".utf8))
        exit(1)
    }
    written += 1
}
print("\(written) schema file(s) written; \(files.count - written - refused.count) unchanged")
if !refused.isEmpty {
    print("refused to rewrite published schemas: \(refused.joined(separator: ", ")); add the changed type with a new schema version instead")
    exit(1)
}
