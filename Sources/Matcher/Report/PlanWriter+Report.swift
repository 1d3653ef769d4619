extension PlanWriter {
    /// report.html for this plan, in the presentation's language (always UTF-8: the page
    /// declares its charset, which every browser honours).
    public func reportHTML(source: String, provenOptimal: Bool) -> [UInt8] {
        let data = ReportData(model: model, result: result, source: source, provenOptimal: provenOptimal)
        return Array(ReportPage.html(data, language: presentation.language).utf8)
    }
}
