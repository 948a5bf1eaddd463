import XCTest

@testable import TiendoCore

/// The target rules speak in typed fields; where a sentence names a field, each place names it
/// its own way.
final class TargetRulesTests: XCTestCase {
    private let rules = TargetRules(
        termStart: 2025, termEnd: 2030,
        indicators: ["TL": Indicator(code: "TL", name: "Tỷ lệ", unitOfMeasure: "%", valueType: .percentage)],
        takenNumbers: [])

    private func draft(_ change: (inout TargetDraft) -> Void) -> TargetDraft {
        var draft = TargetDraft(termStart: 2025, termEnd: 2030, number: 1)
        draft.group = .kinhTe
        draft.wording = "Chỉ tiêu thử"
        draft.indicatorCode = "TL"
        draft.condition.texts[.value] = "100"
        change(&draft)
        return draft
    }

    func testAValidDraftGivesItsTargetAndATargetGivesItsDraft() {
        let target = Target(
            number: 1, group: .kinhTe, wording: "Chỉ tiêu thử", indicatorCode: "TL",
            measure: .sum(fromYear: 2026, toYear: 2029),
            condition: .between(low: -10, high: -5, direction: .lowerIsBetter),
            deadlineYear: 2030, baseline: 1234.5, tolerance: .relative(0.02), decimals: 1)

        let reading = rules.read(TargetDraft(target, termStart: 2025, termEnd: 2030))

        XCTAssertEqual(reading.target, target)
        XCTAssertTrue(reading.problems.isEmpty)
    }

    func testProblemsNameTypedFields() {
        let reading = rules.read(
            draft {
                $0.deadline = "2035"
                $0.measure = .shareOfUnits
                $0.condition.texts[.exceedBound] = "90"
            })

        XCTAssertNil(reading.target)
        XCTAssertEqual(
            reading.problems.messages.map(\.field), [.deadline, .unitCondition(.kind), .condition(.exceedBound)])
        XCTAssertEqual(
            reading.problems[.deadline],
            "Năm hạn 2035 nằm ngoài nhiệm kỳ 2025–2030; hãy chọn một năm trong nhiệm kỳ (thường là 2030).")
    }

    func testASentenceThatNamesFieldsUsesTheNamingItIsGiven() {
        struct Keys: TargetFieldNaming {
            func name(of field: TargetField) -> String { field == .toYear ? "den_nam" : "han" }
            func mention(_ field: TargetField) -> String { "" }
        }

        let onScreen = TargetRules.period(
            from: 2026, to: 2030, term: 2025...2030, deadline: 2029, naming: FormFieldNaming())
        let inFile = TargetRules.period(from: 2026, to: 2030, term: 2025...2030, deadline: 2029, naming: Keys())

        XCTAssertEqual(onScreen?.field, .toYear)
        XCTAssertEqual(onScreen?.text, "Năm kết thúc 2030 sau năm hạn 2029; hãy sửa năm kết thúc hoặc năm hạn.")
        XCTAssertEqual(inFile?.text, "Năm kết thúc 2030 sau năm hạn 2029; hãy sửa den_nam hoặc han.")
    }

    func testARevisedConditionPutsItsProblemsWhereItsCallerSays() {
        var problems = FieldMessageList<ResolutionRules.RevisionField>()
        var notes = FieldMessageList<ResolutionRules.RevisionField>()

        let condition = TargetRules.readCondition(
            ConditionDraft(kind: .atMost, texts: [.value: "abc"]), isShare: false, place: { .condition(7, $0) },
            problems: &problems, notes: &notes)

        XCTAssertNil(condition)
        XCTAssertEqual(problems.messages.map(\.field), [.condition(7, .value)])
    }
}
