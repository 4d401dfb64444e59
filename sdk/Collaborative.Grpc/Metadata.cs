using System.Collections;
using System.Text;

namespace Collaborative.Grpc;

/// <summary>
/// Custom metadata (headers or trailers) of a call. Keys are lower-case; a key ending in <c>-bin</c>
/// carries bytes (base64 on the wire), any other key carries printable ASCII.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>Suffix that marks a binary-valued key.</summary>
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        _entries.Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>The last entry with the key, or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The ASCII value of the last entry with the key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The bytes of the last entry with the key, or null.</summary>
    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One key and its value. Keys are validated on creation (spec: "Custom-Metadata").</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' ends in '-bin', so its value must be bytes.", nameof(value));
            }

            foreach (var c in value)
            {
                // Spec: ASCII-Value is printable ASCII (%x20-%x7E).
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Metadata value for '{Key}' contains a character outside printable ASCII; use a '-bin' key for other data.", nameof(value));
                }
            }

            _value = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{Key}' carries bytes, so it must end in '-bin'.", nameof(key));
            }

            _bytes = value;
        }

        public string Key { get; }

        public bool IsBinary => _bytes is not null;

        /// <summary>The ASCII value; for a binary entry, its base64 text.</summary>
        public string Value => _value ?? Convert.ToBase64String(_bytes!);

        /// <summary>The bytes; for an ASCII entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => $"{Key}: {Value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                // Spec: Header-Name is 1*( %x30-39 / %x61-7A / "_" / "-" / ".") after lower-casing.
                if (!(c is >= '0' and <= '9' or >= 'a' and <= 'z' or '_' or '-' or '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' contains '{c}'; keys may hold only 0-9, a-z, '_', '-' and '.'.", nameof(key));
                }
            }

            if (lower.StartsWith("grpc-", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved: the 'grpc-' prefix belongs to the protocol.", nameof(key));
            }

            return lower;
        }

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.OrdinalIgnoreCase);
    }
}
