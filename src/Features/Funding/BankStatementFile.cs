using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Shared;

namespace Portal.Features.Funding;

/// <summary>One money line of a bank statement, as read from the file.</summary>
public sealed record StatementRow(int Line, string? TransactionId, DateOnly BookedOn, long AmountFen, string Memo, string Counterparty);

/// <summary>
/// Reads a bank statement of the supervised account: CSV (UTF-8 or GB18030, as Chinese banks export it) or .xlsx.
/// The header names the columns in English or as the banks do (交易日期, 贷方金额, 摘要/附言, 对方户名, 交易流水号, 币种);
/// any bad line, and any line in a currency other than CNY, refuses the whole file with its line number.
/// </summary>
public static class BankStatementFile
{
    private static readonly string[] DateNames = ["date", "booked_on", "交易日期", "记账日期", "交易时间", "日期"];
    private static readonly string[] AmountNames = ["amount_yuan", "amount", "交易金额", "金额", "发生额"];
    private static readonly string[] CreditNames = ["credit_yuan", "credit", "贷方金额", "收入金额", "贷方发生额", "收入"];
    private static readonly string[] DebitNames = ["debit_yuan", "debit", "借方金额", "支出金额", "借方发生额", "支出"];
    private static readonly string[] MemoNames = ["memo", "附言", "转账附言", "摘要", "用途", "备注", "交易附言"];
    private static readonly string[] CounterpartyNames = ["counterparty", "对方户名", "对方账户名称", "对方名称", "付款人", "付款人名称"];
    private static readonly string[] TransactionNames = ["transaction_id", "交易流水号", "流水号", "交易编号", "凭证号"];
    private static readonly string[] CurrencyNames = ["currency", "币种", "货币"];
    private static readonly string[] Cny = ["CNY", "RMB", "人民币", "156", "¥", "￥", "元"];

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",
         "yyyy-MM-dd HH:mm", "yyyyMMdd HH:mm:ss", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>The rows, or the reasons (each naming its line) the file is refused whole.</summary>
    public static (List<StatementRow> Rows, List<string> Errors) Read(byte[] bytes, string? fileName, IStringLocalizer t)
    {
        List<(int Line, string[] Cells)> table;
        try { table = TabularFile.Read(bytes, fileName); }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException) { return ([], [t["Statement_Unreadable"]]); }
        if (table.Count == 0) return ([], [t["Statement_Empty"]]);

        var header = table[0].Cells.Select(c => (c ?? "").Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        int Find(string[] names) => Array.FindIndex(header, h => names.Contains(h));
        var date = Find(DateNames);
        var amount = Find(AmountNames);
        var credit = Find(CreditNames);
        var debit = Find(DebitNames);
        var memo = Find(MemoNames);
        var counterparty = Find(CounterpartyNames);
        var transaction = Find(TransactionNames);
        var currency = Find(CurrencyNames);
        if (date < 0 || memo < 0 || (amount < 0 && credit < 0)) return ([], [t["Statement_BadHeader"]]);

        var rows = new List<StatementRow>();
        var errors = new List<string>();
        foreach (var (line, cells) in table.Skip(1))
        {
            string Cell(int i) => i < 0 ? "" : (cells.ElementAtOrDefault(i) ?? "").Trim();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var currencyText = Cell(currency);
            if (currencyText.Length > 0 && !Cny.Contains(currencyText.ToUpperInvariant()))
            {
                errors.Add(t["Statement_NotCny", line, currencyText]);
                continue;
            }
            if (!TryParseDate(Cell(date), out var bookedOn))
            {
                errors.Add(t["Statement_BadDate", line, Cell(date)]);
                continue;
            }
            long fen;
            if (amount >= 0)
            {
                if (!TryParseSignedYuan(Cell(amount), out fen))
                {
                    errors.Add(t["Statement_BadAmount", line, Cell(amount)]);
                    continue;
                }
            }
            else
            {
                var creditText = Cell(credit);
                var debitText = Cell(debit);
                long creditFen = 0, debitFen = 0;
                if ((creditText.Length > 0 && !TryParseSignedYuan(creditText, out creditFen)) || (debitText.Length > 0 && !TryParseSignedYuan(debitText, out debitFen)))
                {
                    errors.Add(t["Statement_BadAmount", line, creditText.Length > 0 ? creditText : debitText]);
                    continue;
                }
                fen = creditFen - Math.Abs(debitFen);
            }
            var memoText = Cell(memo);
            var counterpartyText = Cell(counterparty);
            var transactionText = Cell(transaction);
            if (memoText.Length > 500 || counterpartyText.Length > 200 || transactionText.Length > 100)
            {
                errors.Add(t["Statement_TooLong", line]);
                continue;
            }
            rows.Add(new StatementRow(line, transactionText.Length == 0 ? null : transactionText, bookedOn, fen, memoText, counterpartyText));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(t["Statement_Empty"]);
        return (rows, errors);
    }

    private static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            date = DateOnly.FromDateTime(value);
            return true;
        }
        return false;
    }

    /// <summary>"1,234.50", "¥1234.5", "-20.00" or "(20.00)": yuan to the fen, with a sign.</summary>
    private static bool TryParseSignedYuan(string text, out long fen)
    {
        fen = 0;
        var s = text.Replace("，", ",", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var negative = false;
        if (s.StartsWith('-') || s.StartsWith('－')) { negative = true; s = s[1..]; }
        else if (s.StartsWith('(') && s.EndsWith(')')) { negative = true; s = s[1..^1]; }
        else if (s.StartsWith('+')) s = s[1..];
        if (!Money.TryParseYuan(s, out fen)) return false;
        if (negative) fen = -fen;
        return true;
    }
}
