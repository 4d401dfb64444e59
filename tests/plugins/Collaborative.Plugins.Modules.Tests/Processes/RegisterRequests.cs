using System.Globalization;
using Collaborative.Contracts.V1.Modules;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>Valid register input to start from; each test changes what it is about.</summary>
internal static class RegisterRequests
{
    private static int _next = 1000;

    /// <summary>A fresh valid NHS number in the 999 range, reserved for testing.</summary>
    public static string NewNhsNumber()
    {
        while (true)
        {
            var candidate = NhsNumber.Complete($"999{Interlocked.Increment(ref _next):D6}");
            if (candidate is { } number)
            {
                return number.ToString();
            }
        }
    }

    public static string Today => UkClock.System.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DaysFromToday(int days) => UkClock.System.Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static RegisterPersonRequest Person(string? nhsNumber = null, PlaceOfDeath first = PlaceOfDeath.Home, PlaceOfDeath second = PlaceOfDeath.Unspecified) => new()
    {
        Person = new PersonDetails
        {
            Name = "Margaret Hartley",
            DateOfBirth = "1938-04-12",
            Address = "12 Station Road, Otley",
            NhsNumber = nhsNumber ?? NewNhsNumber(),
            NhsNumberStatus = NhsNumberStatus.Verified,
            MainCarer = "John Hartley (husband)",
            CarerSupportAvailable = true,
            CommissioningArea = "Wharfe Valley North",
        },
        Care = new CareDetails { GpName = "Dr Patel", GpPractice = "Riverside Surgery", PrimaryDiagnosis = "Heart failure", Prognosis = Prognosis.Months },
        Consent = new Consent { Basis = ConsentBasis.Explicit },
        Preferences = new PlacePreferences { FirstChoice = first, SecondChoice = second },
        PlannedReviewDate = DaysFromToday(28),
    };
}
