import CanonicalJSON
import EventLog
import Foundation
import Governance
import Hummingbird
import HTTPTypes
import Messages
import Mustache
import Reports

/// The pages of the web forms for clerks (README, "Recording in the browser"): the list of acts, an act's form
/// and what a recorded act shows. Each is the shared layout (`Pages.layout`) and a body of its own.
enum FormPages {
    static let list = Pages.layout + """
        <p id="intro">{{intro}}</p>
        <ul id="acts">{{#acts}}<li><a href="/record/{{name}}" id="act-{{name}}">{{alias}}</a> <small>({{name}})</small> · {{summary}}</li>{{/acts}}</ul>
        </body></html>
        """
    static let form = Pages.layout + """
        <style>.field{margin:.8em 0}.hint{color:#555}.req{color:#a00}</style>
        <p>{{summary}}</p>
        <form method="post" action="/record/{{act}}" id="act-form">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <div class="field"><label for="f-date">{{dateLabel}}</label> <span class="req" title="{{requiredWord}}">*</span> <small>--date</small><br>
        <input id="f-date" name="date" type="date" value="{{date}}" required></div>
        {{#fields}}<div class="field"><label for="f-{{flag}}-0" title="{{description}}">{{label}}</label>{{#required}} <span class="req" title="{{requiredWord}}">*</span>{{/required}} <small>--{{flag}}</small><br>
        {{#select}}<select id="f-{{flag}}-0" name="{{flag}}"{{#required}} required{{/required}}><option value="">{{choose}}</option>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{word}}</option>{{/options}}</select>{{/select}}
        {{#inputs}}<input id="{{id}}" name="{{flag}}" type="{{type}}" value="{{value}}"{{#list}} list="{{list}}"{{/list}}{{#inputmode}} inputmode="{{inputmode}}"{{/inputmode}}{{#min}} min="{{min}}"{{/min}}{{#max}} max="{{max}}"{{/max}}{{#first}}{{#required}} required{{/required}}{{/first}}> {{/inputs}}
        {{#hints}}<br><small class="hint">{{.}}</small>{{/hints}}</div>
        {{/fields}}
        <div class="field"><label><input type="checkbox" name="again" value="yes" id="f-again"{{#again}} checked{{/again}}> {{againLabel}}</label></div>
        <p><button type="submit" id="submit">{{submit}}</button></p></form>
        <p><small>{{requiredNote}}</small></p>
        {{#datalists}}<datalist id="{{id}}">{{#options}}<option value="{{value}}">{{label}}</option>{{/options}}</datalist>{{/datalists}}
        <p><a href="/record">{{allActs}}</a></p>
        </body></html>
        """
    static let result = Pages.layout + """
        {{#lines}}<p class="result">{{.}}</p>{{/lines}}
        <h2>{{whatRecorded}}</h2>
        <table id="recorded"><tr><th>{{columnItem}}</th><th>{{columnValue}}</th></tr>
        {{#rows}}<tr><td>{{label}}</td><td>{{value}}</td></tr>{{/rows}}</table>
        <p><a href="/record/{{act}}" id="again-link">{{recordAnother}}</a> · <a href="/record">{{allActs}}</a></p>
        </body></html>
        """
    static let message = Pages.layout + """
        <p><a href="/record">{{allActs}}</a></p>
        </body></html>
        """

    static let listTemplate = Pages.template(list)
    static let formTemplate = Pages.template(form)
    static let resultTemplate = Pages.template(result)
    static let messageTemplate = Pages.template(message)
}

/// What a clerk typed into an act's form: the flags' values as typed (trimmed; a list's boxes in order), the
/// date and the "again" box; kept to fill the form again when the act is refused.
struct TypedAct {
    var values: [(flag: String, value: String)] = []
    var date = ""
    var again = false

    func values(of flag: String) -> [String] { values.filter { $0.flag == flag }.map(\.value) }
}

extension LedgerServer {
    /// The largest form body accepted, in bytes (the largest act's form with every list full fits many times).
    static let formBytesMax = 64 * 1024
    /// Boxes a list's flag shows at least (one more than were typed, when more were).
    static let listBoxesMin = 3
    /// Names of each kind a form offers as the clerk types (a larger register: the first, by id; typing a name
    /// still finds any).
    static let datalistMax = 500

    func addFormRoutes(_ router: Router<ServerContext>) {
        router.get("/record") { _, context in self.actListPage(context) }
        router.get("/record/:act") { _, context in try self.actFormPage(context) }
        router.post("/record/:act") { request, context in try await self.recordAct(request, context) }
    }

    /// The clerk's session and grant, and the page that refuses a reviewer (403), nil for a clerk.
    func clerk(_ context: ServerContext) -> (session: Session, grant: AccountGrant, refusal: Response?) {
        guard let session = context.session, let grant = context.grant else {
            preconditionFailure("the session middleware lets no request without a session reach the forms")
        }
        guard grant.role == .clerk else {
            let text = Msg.serveForms.clerksOnly(["account": .plain(grant.account)]).rendered(language)
            return (session, grant, messagePage(Msg.serveForms.listTitle, context, notice: text, status: .forbidden))
        }
        return (session, grant, nil)
    }

    /// A page of the layout with a notice and a link to the acts.
    func messagePage(_ title: Message, _ context: ServerContext, notice: String, status: HTTPResponse.Status) -> Response {
        var values = page(title, context: context)
        values["notice"] = notice
        values["allActs"] = Msg.serveForms.allActs.template(language)
        return html(FormPages.messageTemplate.render(values), status: status)
    }

    /// The act the path names (its name or its Chinese name, as `record` accepts them).
    func namedAct(_ context: ServerContext) -> (form: ActForm?, given: String) {
        let raw = context.parameters.get("act") ?? ""
        let given = raw.removingPercentEncoding ?? raw
        return (Acts.form(named: given), given)
    }

    func unknownAct(_ given: String, _ context: ServerContext) -> Response {
        let text = Msg.record.unknownAct(["act": .plain(given), "acts": .list(Acts.all.map { .plain($0.alias) })]).rendered(language)
        return messagePage(Msg.serveForms.listTitle, context, notice: text, status: .notFound)
    }

    // MARK: the pages

    /// GET /record: the acts, by their Chinese names.
    func actListPage(_ context: ServerContext) -> Response {
        let (_, grant, refusal) = clerk(context)
        if let refusal { return refusal }
        var values = page(Msg.serveForms.listTitle, context: context)
        let units: Arg
        do {
            let names = try NameLookup.names(ledger, grant.units, atSeq: nil, language: language)
            units = .list(grant.units.map { unit in names[unit].map { .text(Msg.common.named(["name": .plain($0), "id": .plain(unit)])) } ?? .plain(unit) })
        } catch {
            units = .list(grant.units.map { .plain($0) })
        }
        values["intro"] = Msg.serveForms.listIntro(["account": .plain(grant.account), "units": units]).rendered(language)
        values["acts"] = Acts.all.map { form -> [String: String] in
            ["name": form.name, "alias": form.alias, "summary": form.summary.template(language)]
        }
        return html(FormPages.listTemplate.render(values))
    }

    /// GET /record/ACT: the act's form, empty.
    func actFormPage(_ context: ServerContext) throws -> Response {
        let (_, _, refusal) = clerk(context)
        if let refusal { return refusal }
        let (form, given) = namedAct(context)
        guard let form else { return unknownAct(given, context) }
        return try formPage(form, context, typed: TypedAct(), notice: nil, status: .ok)
    }

    /// The act's form, filled with what was typed, with a refusal above it.
    func formPage(_ form: ActForm, _ context: ServerContext, typed: TypedAct, notice: String?, status: HTTPResponse.Status) throws -> Response {
        let s = Msg.serveForms
        var values = page(s.formTitle, context: context)
        values["title"] = s.formTitle(["act": .plain(form.alias)]).rendered(language)
        values["summary"] = form.summary.template(language)
        values["act"] = form.name
        values["date"] = typed.date
        values["again"] = typed.again
        values["dateLabel"] = s.dateLabel.template(language)
        values["requiredWord"] = s.requiredMark.template(language)
        values["againLabel"] = s.againLabel.template(language)
        values["submit"] = s.submitButton.template(language)
        values["requiredNote"] = s.requiredNote.template(language)
        values["allActs"] = s.allActs.template(language)
        values["choose"] = s.choose.template(language)
        values["fields"] = form.flags.map { field($0, of: form, typed: typed.values(of: $0.name)) }
        values["datalists"] = try datalists(Set(form.flags.compactMap(\.lookup)))
        if let notice { values["notice"] = notice }
        return html(FormPages.formTemplate.render(values), status: status)
    }

    /// One flag's part of the form: a `<select>` of a vocabulary's words (or yes/no), else input boxes (one per
    /// item of a list), typed as the value's kind, with hints.
    func field(_ flag: ActFlag, of form: ActForm, typed: [String]) -> [String: Any] {
        let s = Msg.serveForms
        var kind = flag.valueKind
        if case .sealed(let inner) = kind { kind = inner }
        var values: [String: Any] = ["flag": flag.name, "label": Msg.record.column[flag.field.name]?.template(language) ?? flag.name,
                                     "description": flag.field.description, "required": flag.isRequired(in: form)]
        var hints: [String] = []
        var options: [(value: String, word: String)]?
        if !flag.isRepeated, let choices = flag.choices {
            options = choices.map { ($0.value, $0.words?.template(language) ?? $0.value) }
        } else if !flag.isRepeated, case .boolean = kind {
            options = [("yes", Msg.common.yes.template(language)), ("no", Msg.common.no.template(language))]
        }
        if let options {
            values["select"] = true
            values["options"] = options.map { option -> [String: Any] in
                ["value": option.value, "word": option.word, "selected": typed.first == option.value || typed.first == option.word]
            }
        } else {
            let boxes = flag.isRepeated ? max(typed.count + 1, Self.listBoxesMin) : 1
            values["inputs"] = (0..<boxes).map { index -> [String: Any] in
                var input = Self.input(kind)
                input["id"] = "f-\(flag.name)-\(index)"
                input["value"] = index < typed.count ? typed[index] : ""
                input["first"] = index == 0
                if let lookup = flag.lookup { input["list"] = "names-\(lookup.rawValue)" }
                return input
            }
        }
        if case .fen = kind { hints.append(s.moneyHint.template(language)) }
        if flag.lookup != nil { hints.append(s.lookupHint.template(language)) }
        if flag.isRepeated { hints.append(s.listHint.template(language)) }
        if case .object(let members) = kind {
            let names = members.map { Acts.flagName($0) }
            hints.append(Msg.record.listSyntax(["flag": .plain(flag.name), "members": .list(names.map { .plain($0) })]).rendered(language).trimmed)
            if members.count == 2, members.allSatisfy(\.required) {
                hints.append(Msg.record.pairSyntax(["flag": .plain(flag.name), "first": .plain(names[0]), "second": .plain(names[1])]).rendered(language).trimmed)
            }
        }
        if flag.isRepeated, let choices = flag.choices {
            hints.append(choices.map { $0.words?.template(language) ?? $0.value }.joined(separator: " / "))
        }
        if let generated = form.generated, generated.field == flag.field.name {
            hints.append(s.generatedHint(["pattern": .plain(generated.pattern)]).rendered(language))
        }
        for fill in form.defaults where fill.field == flag.field.name {
            hints.append(s.defaultHint(["pattern": .plain(fill.pattern)]).rendered(language))
        }
        if form.voucherField == flag.field.name { hints.append(s.voucherHint.template(language)) }
        values["hints"] = hints
        return values
    }

    /// An input box's type (and bounds) for a value of `kind`.
    static func input(_ kind: FieldKind) -> [String: Any] {
        switch kind {
        case .date: ["type": "date"]
        case .month: ["type": "month"]
        case .year: ["type": "number", "min": String(LocalDate.yearRange.lowerBound), "max": String(LocalDate.yearRange.upperBound)]
        case .count: ["type": "number", "min": "0"]
        case .percent: ["type": "number", "min": "0", "max": "100"]
        case .seq: ["type": "number", "min": "1"]
        case .fen: ["type": "text", "inputmode": "decimal"]
        default: ["type": "text"]
        }
    }

    /// The names a form's name boxes offer (`<datalist>`): the units, groups, persons and assets of the register,
    /// at most `datalistMax` of each kind (`DirectoryNamesQuery`), by name where the name is its kind's only one,
    /// else by id.
    func datalists(_ kinds: Set<Found.Kind>) throws -> [[String: Any]] {
        guard !kinds.isEmpty else { return [] }
        let found = try ledger.query(DirectoryNamesQuery(kinds: kinds, perKindMax: Self.datalistMax)).found
        return Found.Kind.allCases.filter(kinds.contains).map { kind in
            let ofKind = found.filter { $0.kind == kind }
            var counts: [String: Int] = [:]
            for entry in ofKind { counts[entry.name, default: 0] += 1 }
            let options = ofKind.map { entry -> [String: String] in
                let byName = !entry.name.isEmpty && counts[entry.name] == 1
                return ["value": byName ? entry.name : entry.id, "label": entry.name.isEmpty ? entry.id : "\(entry.name) (\(entry.id))"]
            }
            return ["id": "names-\(kind.rawValue)", "options": options]
        }
    }

    // MARK: recording

    /// POST /record/ACT: the form's values built into the act by `Acts.build` (as `grassroots record` builds it),
    /// checked against the clerk's units, appended with the account as the actor; the result, or the form again
    /// with the refusal in the command line's words. Nothing is written on refusal.
    func recordAct(_ request: Request, _ context: ServerContext) async throws -> Response {
        let (session, grant, refusal) = clerk(context)
        if let refusal { return refusal }
        let (named, given) = namedAct(context)
        guard let form = named else { return unknownAct(given, context) }
        guard let body = try await Self.body(request, limit: Self.formBytesMax) else {
            let text = Msg.serve.bodyTooLarge(["max": .number(Self.formBytesMax)]).rendered(language)
            return messagePage(Msg.serveForms.listTitle, context, notice: text, status: .contentTooLarge)
        }
        let pairs = FormFields.parse(String(decoding: body, as: UTF8.self))
        guard pairs.contains(where: { $0.name == "csrf" && $0.value == session.csrf }) else {
            return messagePage(Msg.serveForms.listTitle, context, notice: Msg.serve.csrfInvalid.template(language), status: .forbidden)
        }
        var typed = TypedAct()
        var undecodable: String?
        for (name, raw) in pairs where name != "csrf" {
            guard let value = raw?.trimmed else {
                undecodable = undecodable ?? name
                continue
            }
            switch name {
            case "date": typed.date = value
            case "again": typed.again = !value.isEmpty
            default: if !value.isEmpty { typed.values.append((name, value)) }
            }
        }
        let refuse = { (status: HTTPResponse.Status, text: String) throws -> Response in
            try self.formPage(form, context, typed: typed, notice: text, status: status)
        }
        if let undecodable { return try refuse(.badRequest, Msg.serveForms.badEncoding(["name": .plain(undecodable)]).rendered(language)) }
        guard !typed.date.isEmpty else { return try refuse(.badRequest, Msg.record.missingDate(["act": .plain(form.name)]).rendered(language)) }
        guard let date = LocalDate(iso: typed.date) else {
            return try refuse(.badRequest, Msg.record.badDate(["flag": .plain("date"), "value": .plain(typed.date)]).rendered(language))
        }
        let built: ActDraft
        do {
            let act = ActRequest(values: typed.values, date: date, voucher: nil, again: typed.again, actor: grant.account)
            built = try Acts.build(form, act, context: LedgerActLookups(ledger: ledger, language: language))
        } catch let error as ActError {
            return try refuse(.badRequest, error.text.rendered(language))
        } catch let failure as LookupFailure {
            return try refuse(.badRequest, failure.text.rendered(language))
        } catch let error as EventLogError {
            let kind = AppendWords.failure(error, lineNumbers: [], committed: AppendProgress()).kind
            return try refuse(Self.status(kind), error.text(in: language).rendered(language))
        }
        if let text = try formScopeRefusal(built.draft, grant: grant) { return try refuse(.forbidden, text) }
        switch built.standing {
        case .identicalWithoutVoucher(let seq):
            return try refuse(.unprocessableContent, Msg.record.identical(["term": .plain(form.spec.term), "seq": .number(seq)]).rendered(language))
        case .recorded(let seq): return try resultPage(built, context, seq: seq, recorded: false)
        case .new: break
        }
        let outcome: (seq: UInt64, appended: Bool)
        do {
            // A correction of an event with sealed members seals its replacement's (as `record` and `append` do).
            let draft = try GovernanceRequests.sealingReplacements([built.draft], in: ledger)[0]
            outcome = Acts.outcome(of: try await append([draft]))
        } catch {
            // The same act recorded by another account: it is recorded; nothing to add (as `record`).
            if let original = Acts.recordedByAnother(error) {
                outcome = (original, false)
            } else if let error = error as? EventLogError {
                let kind = AppendWords.failure(error, lineNumbers: [], committed: AppendProgress()).kind
                return try refuse(Self.status(kind), error.text(in: language).rendered(language))
            } else {
                throw error
            }
        }
        return try resultPage(built, context, seq: outcome.seq, recorded: outcome.appended)
    }

    /// Why the clerk may not record the act (the API's words without its line number, names beside ids), or nil.
    func formScopeRefusal(_ draft: EventDraft, grant: AccountGrant) throws -> String? {
        let scope = try ledger.query(AccountScopeQuery(subjects: [draft.stream] + draft.subjects, units: grant.units, on: draft.effectiveDate))
        switch scope {
        case .within: return nil
        case .outside(let unit, let through):
            let names = try NameLookup.names(ledger, grant.units + [unit, through], atSeq: nil, language: language)
            let named = { (id: String) -> Arg in names[id].map { .text(Msg.common.named(["name": .plain($0), "id": .plain(id)])) } ?? .plain(id) }
            return Msg.serveForms.outsideUnits(["account": .plain(grant.account), "units": .list(grant.units.map(named)),
                                                "unit": named(unit), "through": named(through)]).rendered(language)
        case .noUnit:
            return Msg.serveForms.noUnitNamed.template(language)
        }
    }

    // MARK: the result

    /// What was recorded (or found recorded already): the command line's lines, then each value, names beside ids.
    func resultPage(_ built: ActDraft, _ context: ServerContext, seq: UInt64, recorded: Bool) throws -> Response {
        let s = Msg.serveForms
        let m = Msg.record
        let form = built.form
        let spec = form.spec
        var values = page(s.resultTitle, context: context)
        values["title"] = s.resultTitle(["act": .plain(form.alias)]).rendered(language)
        var lines = [recorded ? m.recorded(["term": .plain(spec.term), "type": .plain(spec.type), "seq": .number(seq)]).rendered(language)
                              : m.alreadyRecorded(["seq": .number(seq), "type": .plain(spec.type)]).rendered(language)]
        for (field, id) in built.generated { lines.append(m.generatedID(["field": .plain(field), "id": .plain(id)]).rendered(language)) }
        if recorded, let again = built.again {
            lines.append(m.recordedAgain(["count": .number(again), "suffix": .plain("/again-\(again)")]).rendered(language))
        }
        if recorded, let taken = built.taken.last, let id = built.generated.first?.id {
            lines.append(m.idTaken(["taken": .plain(taken), "id": .plain(id)]).rendered(language))
        }
        values["lines"] = lines
        let data = built.draft.data
        let names = try NameLookup.names(ledger, Self.ids(in: .object(data)), atSeq: nil, language: language)
        var rows: [[String: String]] = [["label": s.dateLabel.template(language), "value": Dates.display(built.draft.effectiveDate.description, language)]]
        for flag in form.flags {
            guard let value = data[flag.field.name] else { continue }
            rows.append(["label": m.column[flag.field.name]?.template(language) ?? flag.name, "value": shown(value, kind: flag.field.kind, names: names)])
        }
        values["rows"] = rows
        values["act"] = form.name
        values["whatRecorded"] = s.whatRecorded.template(language)
        values["columnItem"] = s.columnItem.template(language)
        values["columnValue"] = s.columnValue.template(language)
        values["recordAnother"] = s.recordAnother(["act": .plain(form.alias)]).rendered(language)
        values["allActs"] = s.allActs.template(language)
        return html(FormPages.resultTemplate.render(values))
    }

    /// The strings of a payload that look like ids (`kind:local`).
    static func ids(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): text.contains(":") ? [text] : []
        case .array(let items): items.flatMap(ids(in:))
        case .object(let object): object.keys.flatMap { key in object[key].map(ids(in:)) ?? [] }
        default: []
        }
    }

    /// A recorded value as a person reads it: money in yuan, a vocabulary's word, yes or no, a date, names beside ids.
    func shown(_ value: JSONValue, kind: FieldKind, names: [String: String]) -> String {
        switch (kind, value) {
        case (.sealed(let inner), _): return shown(value, kind: inner, names: names)
        case (.fen, .integer(let fen)): return Money.yuan(fen, language)
        case (.oneOf, .string(let stored)):
            return ActFlag.choices(of: kind)?.first { $0.value == stored }?.words?.template(language) ?? stored
        case (.boolean, .bool(let yes)): return (yes ? Msg.common.yes : Msg.common.no).template(language)
        case (.date, .string(let date)): return Dates.display(date, language)
        case (.id, .string(let id)): return names[id].map { Msg.common.named(["name": .plain($0), "id": .plain(id)]).rendered(language) } ?? id
        case (.list(let element, _, _), .array(let items)):
            return items.map { shown($0, kind: element, names: names) }.joined(separator: language == .zh ? ";" : "; ")
        case (.object(let members), .object(let object)):
            return members.compactMap { member in
                object[member.name].map { "\(Msg.record.column[member.name]?.template(language) ?? Acts.flagName(member))=\(shown($0, kind: member.kind, names: names))" }
            }.joined(separator: language == .zh ? "," : ", ")
        case (_, .string(let text)): return text
        case (_, .integer(let number)): return String(number)
        case (_, .bool(let yes)): return (yes ? Msg.common.yes : Msg.common.no).template(language)
        default: return CanonicalJSON.string(value)
        }
    }
}

fileprivate extension String {
    /// Without white space at either end.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
