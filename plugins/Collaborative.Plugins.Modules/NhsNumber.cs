namespace Collaborative.Plugins.Modules;

/// <summary>
/// A ten-digit NHS number that passes the Modulus 11 check: digits 1–9 weighted 10 down to 2, summed;
/// check = 11 − (sum mod 11); 11 becomes 0; 10 means no valid number has these nine digits.
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    /// <summary>The ten digits, no separators: how the number is stored and compared.</summary>
    public string Digits { get; }

    /// <summary>Accepts "9434765919", "943 476 5919" or "943-476-5919"; otherwise says what is wrong.</summary>
    public static bool TryParse(string? text, out NhsNumber number, out string problem)
    {
        number = default;
        var digits = new string((text ?? "").Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length == 0)
        {
            problem = "is required";
            return false;
        }

        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            problem = $"'{text}' is not an NHS number: it must be 10 digits (spaces or hyphens allowed, e.g. 943 476 5919)";
            return false;
        }

        var check = CheckDigit(digits.AsSpan(0, 9));
        if (check == 10)
        {
            problem = $"'{text}' is not a valid NHS number: its first nine digits give check digit 10, which no NHS number has";
            return false;
        }

        if (check != digits[9] - '0')
        {
            problem = $"'{text}' fails the NHS number Modulus 11 check (the check digit should be {check}, not {digits[9]}); check it was copied correctly";
            return false;
        }

        number = new NhsNumber(digits);
        problem = "";
        return true;
    }

    /// <summary>The Modulus 11 check digit of nine digits: 0–9, or 10 when no valid number starts with them.</summary>
    public static int CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9)
        {
            throw new ArgumentException("An NHS number check digit is computed from exactly nine digits.", nameof(nineDigits));
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (nineDigits[i] - '0') * (10 - i);
        }

        var check = 11 - sum % 11;
        return check == 11 ? 0 : check;
    }

    /// <summary>The valid NHS number that starts with <paramref name="nineDigits"/>, or null when none does (check 10).</summary>
    public static NhsNumber? Complete(string nineDigits)
    {
        var check = CheckDigit(nineDigits);
        return check == 10 ? null : new NhsNumber(nineDigits + (char)('0' + check));
    }

    /// <summary>3-3-4, the way people read it: "943 476 5919".</summary>
    public override string ToString() => Digits is null ? "" : $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";
}
