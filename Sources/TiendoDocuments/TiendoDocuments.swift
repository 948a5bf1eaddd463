/// Office documents written and read by Tiendo's own code: WordprocessingML (.docx) and
/// SpreadsheetML (.xlsx) packages on ZIPFoundation, SVG charts, and the review report composed
/// from the data. Depends on TiendoCore only.
public enum TiendoDocuments {}
