using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>
/// Reads a Health Auto Export body <c>{"data": {"metrics": [{"name", "units", "data": [...]}], "workouts": [...], "ecg": [...], ...}}</c>
/// from a stream, one entry at a time: only the entry being read (plus one read block) is ever in memory,
/// so a payload of any size costs the size of its largest single point, workout or record.
/// Besides metrics and workouts it reads <c>ecg</c> (<see cref="EcgRecording"/>), <c>symptoms</c> (<see cref="SymptomRecord"/>) and
/// <c>stateOfMind</c>, <c>medications</c>, <c>cycleTracking</c>, <c>heartRateNotifications</c> (<see cref="CollectionRecord"/>);
/// any other collection under <c>data</c> is skipped and named in <see cref="SkippedCollections"/>.
/// A bad entry becomes a <see cref="RejectedItem"/>; a body that is not JSON, is cut short, or is not the envelope
/// throws <see cref="HealthExportFormatException"/>.
/// </summary>
public sealed class HealthExportReader
{
    private enum Phase
    {
        Start, Root, DataValue, Data, MetricsValue, Metrics, Metric, MetricName, MetricUnits, MetricDataValue, Points,
        WorkoutsValue, Workouts, RecordsValue, Records, SkipValue, SkipContainer, Done,
    }

    private readonly Stream _stream;
    private readonly int _initialBufferSize;
    private readonly int _maxEntryBytes;
    private readonly MetricPointParser _points = new();
    private readonly List<HealthExportItem> _ready = [];
    private readonly List<string> _skipped = [];
    private byte[] _buffer = [];
    private int _length;
    private bool _endOfStream;
    private JsonReaderState _state;
    private Phase _phase = Phase.Start;
    private Phase _afterSkip;
    private int _skipDepth;
    private bool _sawData;
    private int _metricIndex = -1;
    private string? _metric;
    private string? _units;
    private string? _collection;
    private string? _collectionProperty;
    private int _index;
    private long _bytesConsumed;
    private bool _started;
    private (long BytesConsumed, JsonReaderState State) _entryStart;
    private bool _entryIncomplete;

    /// <summary>
    /// Reads from <paramref name="stream"/>, which need not be seekable; the reader does not dispose it.
    /// <paramref name="maxEntryBytes"/> caps the size of one point, workout or token, the only thing ever buffered whole.
    /// </summary>
    public HealthExportReader(Stream stream, int initialBufferSize = 16 * 1024, int maxEntryBytes = 16 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialBufferSize, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntryBytes, initialBufferSize);
        _stream = stream;
        _initialBufferSize = initialBufferSize;
        _maxEntryBytes = maxEntryBytes;
    }

    /// <summary>The largest the read buffer grew: the proof the body was never held whole.</summary>
    public int PeakBufferSize { get; private set; }

    /// <summary>Bytes of the body parsed so far.</summary>
    public long BytesConsumed => _bytesConsumed;

    /// <summary>Properties of <c>data</c> this reader does not know (a collection added by a newer app version), in body order, each once.</summary>
    public IReadOnlyCollection<string> SkippedCollections => _skipped;

    /// <summary>Yields every point, workout, record and rejected entry in body order. Can be enumerated once.</summary>
    public async IAsyncEnumerable<HealthExportItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("A HealthExportReader reads its stream once.");
        }
        _started = true;
        _buffer = ArrayPool<byte>.Shared.Rent(_initialBufferSize);
        PeakBufferSize = _buffer.Length;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!_endOfStream && _length < _buffer.Length)
                {
                    var read = await _stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        _endOfStream = true;
                    }
                    _length += read;
                }

                var consumed = Process();
                foreach (var item in _ready)
                {
                    yield return item;
                }
                _ready.Clear();

                _bytesConsumed += consumed;
                _buffer.AsSpan(consumed, _length - consumed).CopyTo(_buffer);
                _length -= consumed;

                if (_endOfStream)
                {
                    if (consumed > 0)
                    {
                        continue;
                    }
                    if (_phase == Phase.Done && IsWhitespace(_buffer.AsSpan(0, _length)))
                    {
                        yield break;
                    }
                    throw new HealthExportFormatException(_phase == Phase.Start && IsWhitespace(_buffer.AsSpan(0, _length))
                        ? "The body is empty; expected {\"data\": {...}}."
                        : $"The body ends before the JSON is complete (truncated after {_bytesConsumed + _length} bytes, while reading {Where()}).");
                }
                if (consumed == 0 && _length == _buffer.Length)
                {
                    Grow();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Grow()
    {
        if (_buffer.Length >= _maxEntryBytes)
        {
            throw new HealthExportFormatException($"An entry is larger than {_maxEntryBytes} bytes (at byte {_bytesConsumed}, while reading {Where()}).");
        }
        var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        PeakBufferSize = Math.Max(PeakBufferSize, larger.Length);
    }

    // Synchronous because Utf8JsonReader is a ref struct; returns the bytes consumed, keeping the reader state for the next block.
    private int Process()
    {
        // Some clients prefix a UTF-8 BOM, which Utf8JsonReader refuses; it is dropped before the first token.
        if (_phase == Phase.Start && _bytesConsumed == 0)
        {
            var head = _buffer.AsSpan(0, _length);
            if (head.StartsWith(Utf8Bom))
            {
                return Utf8Bom.Length;
            }
            if (!_endOfStream && head.Length < Utf8Bom.Length && Utf8Bom.StartsWith(head))
            {
                return 0;
            }
        }
        var span = _buffer.AsSpan(0, _length);
        var reader = new Utf8JsonReader(span, isFinalBlock: false, _state);
        _entryIncomplete = false;
        try
        {
            while (Step(ref reader, span))
            {
            }
        }
        catch (JsonException exception)
        {
            throw new HealthExportFormatException(
                $"The body is not valid JSON (near byte {_bytesConsumed + reader.BytesConsumed}, while reading {Where()}): {exception.Message}", exception);
        }
        if (_entryIncomplete)
        {
            _state = _entryStart.State;
            return (int)_entryStart.BytesConsumed;
        }
        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    // Handles one token (or one whole entry); false when the buffered bytes run out.
    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> span)
    {
        if (_phase is Phase.Points or Phase.Workouts or Phase.Records)
        {
            return StepEntry(ref reader, span);
        }
        if (!reader.Read())
        {
            return false;
        }
        var token = reader.TokenType;
        switch (_phase)
        {
            case Phase.Start:
                _phase = token == JsonTokenType.StartObject ? Phase.Root
                    : throw Envelope($"The body must be a JSON object with a 'data' property, not {Describe(token)}.");
                break;
            case Phase.Root when token == JsonTokenType.PropertyName:
                if (reader.ValueTextEquals("data"u8))
                {
                    _phase = Phase.DataValue;
                }
                else
                {
                    BeginSkip(Phase.Root);
                }
                break;
            case Phase.Root:
                _phase = _sawData ? Phase.Done : throw Envelope("The body has no 'data' property; expected {\"data\": {\"metrics\": [...], \"workouts\": [...]}}.");
                break;
            case Phase.DataValue:
                _sawData = true;
                _phase = token == JsonTokenType.StartObject ? Phase.Data : throw Envelope($"'data' must be an object, not {Describe(token)}.");
                break;
            case Phase.Data when token == JsonTokenType.PropertyName:
                if (reader.ValueTextEquals("metrics"u8))
                {
                    _phase = Phase.MetricsValue;
                }
                else if (reader.ValueTextEquals("workouts"u8))
                {
                    _phase = Phase.WorkoutsValue;
                }
                else
                {
                    var property = reader.GetString()!;
                    _collection = HealthExportCollections.FromProperty(property);
                    _collectionProperty = property;
                    if (_collection is not null)
                    {
                        _phase = Phase.RecordsValue;
                    }
                    else
                    {
                        if (!_skipped.Contains(property))
                        {
                            _skipped.Add(property);
                        }
                        BeginSkip(Phase.Data);
                    }
                }
                break;
            case Phase.Data:
                _phase = Phase.Root;
                break;
            case Phase.MetricsValue:
                _phase = token switch
                {
                    JsonTokenType.StartArray => Phase.Metrics,
                    JsonTokenType.Null => Phase.Data,
                    _ => throw Envelope($"'data.metrics' must be an array, not {Describe(token)}."),
                };
                break;
            case Phase.Metrics:
                if (token == JsonTokenType.EndArray)
                {
                    _phase = Phase.Data;
                    break;
                }
                _metricIndex++;
                _metric = null;
                _units = null;
                _phase = token == JsonTokenType.StartObject ? Phase.Metric
                    : throw Envelope($"'data.metrics[{_metricIndex}]' must be an object, not {Describe(token)}.");
                break;
            case Phase.Metric when token == JsonTokenType.PropertyName:
                _phase = reader.ValueTextEquals("name"u8) ? Phase.MetricName
                    : reader.ValueTextEquals("units"u8) ? Phase.MetricUnits
                    : reader.ValueTextEquals("data"u8) ? Phase.MetricDataValue
                    : BeginSkip(Phase.Metric);
                break;
            case Phase.Metric:
                _phase = Phase.Metrics;
                break;
            case Phase.MetricName:
                _metric = token == JsonTokenType.String && reader.GetString() is { Length: > 0 } name
                    ? MetricNames.Canonical(name)
                    : throw Envelope($"'data.metrics[{_metricIndex}].name' must be a non-empty string.");
                _phase = Phase.Metric;
                break;
            case Phase.MetricUnits:
                _units = token == JsonTokenType.String ? reader.GetString() : null;
                _phase = token is JsonTokenType.StartObject or JsonTokenType.StartArray ? BeginSkip(Phase.Metric, reader.CurrentDepth) : Phase.Metric;
                break;
            case Phase.MetricDataValue:
                if (token == JsonTokenType.Null)
                {
                    _phase = Phase.Metric;
                    break;
                }
                if (token != JsonTokenType.StartArray)
                {
                    throw Envelope($"'data.metrics[{_metricIndex}].data' must be an array, not {Describe(token)}.");
                }
                // The app always writes name before data; without it the points could not be typed, and buffering them would defeat streaming.
                if (_metric is null)
                {
                    throw Envelope($"'data.metrics[{_metricIndex}]' has 'data' before 'name'.");
                }
                _index = 0;
                _phase = Phase.Points;
                break;
            case Phase.WorkoutsValue:
                _index = 0;
                _phase = token switch
                {
                    JsonTokenType.StartArray => Phase.Workouts,
                    JsonTokenType.Null => Phase.Data,
                    _ => throw Envelope($"'data.workouts' must be an array, not {Describe(token)}."),
                };
                break;
            case Phase.RecordsValue:
                _index = 0;
                _phase = token switch
                {
                    JsonTokenType.StartArray => Phase.Records,
                    JsonTokenType.Null => Phase.Data,
                    _ => throw Envelope($"'data.{_collectionProperty}' must be an array, not {Describe(token)}."),
                };
                break;
            case Phase.SkipValue:
                _phase = token is JsonTokenType.StartObject or JsonTokenType.StartArray ? BeginSkip(_afterSkip, reader.CurrentDepth) : _afterSkip;
                break;
            case Phase.SkipContainer:
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skipDepth)
                {
                    _phase = _afterSkip;
                }
                break;
            case Phase.Done:
                throw Envelope("The body has content after its JSON object.");
        }
        return true;
    }

    // An entry is parsed only once all its bytes are buffered, so the typed parsers never see a partial object. When
    // they are not all there yet, Process resumes from the position before the entry (saved as a position and a state,
    // not as a copy of the reader, which is a large struct: copying it per entry showed in profiles).
    private bool StepEntry(ref Utf8JsonReader reader, ReadOnlySpan<byte> span)
    {
        _entryStart = (reader.BytesConsumed, reader.CurrentState);
        if (!reader.Read())
        {
            return false;
        }
        var token = reader.TokenType;
        if (token == JsonTokenType.EndArray)
        {
            _phase = _phase == Phase.Points ? Phase.Metric : Phase.Data;
            return true;
        }
        var collection = _phase switch { Phase.Points => _metric!, Phase.Records => _collection!, _ => "workouts" };
        if (token != JsonTokenType.StartObject)
        {
            if (token == JsonTokenType.StartArray && !reader.TrySkip())
            {
                _entryIncomplete = true;
                return false;
            }
            _ready.Add(new RejectedItem { Collection = collection, Index = _index++, Reason = $"the entry is {Describe(token)}, not an object" });
            return true;
        }

        if (_phase == Phase.Points)
        {
            // Points, nearly all of a large body, are read in place: one pass over their bytes instead of two.
            if (_points.Parse(ref reader, span, _metric!, _units, _index) is not { } point)
            {
                _entryIncomplete = true;
                return false;
            }
            _ready.Add(point);
            _index++;
            return true;
        }

        var start = (int)reader.TokenStartIndex;
        if (!reader.TrySkip())
        {
            _entryIncomplete = true;
            return false;
        }
        var entry = span[start..(int)reader.BytesConsumed];
        _ready.Add(_phase == Phase.Records ? CollectionEntryParser.Parse(entry, _collection!, _index) : WorkoutParser.Parse(entry, _index));
        _index++;
        return true;
    }

    private Phase BeginSkip(Phase after)
    {
        _afterSkip = after;
        _phase = Phase.SkipValue;
        return Phase.SkipValue;
    }

    private Phase BeginSkip(Phase after, int depth)
    {
        _afterSkip = after;
        _skipDepth = depth;
        return Phase.SkipContainer;
    }

    private string Where() => _phase switch
    {
        Phase.Points or Phase.Metric or Phase.MetricName or Phase.MetricUnits or Phase.MetricDataValue
            => $"data.metrics[{_metricIndex}] ({_metric ?? "unnamed"}) entry {_index}",
        Phase.Workouts => $"data.workouts entry {_index}",
        Phase.Records => $"data.{_collection} entry {_index}",
        Phase.Start => "the start of the body",
        Phase.Done => "after the envelope",
        _ => "the envelope",
    };

    private static HealthExportFormatException Envelope(string message) => new(message);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(" \t\r\n"u8) < 0;
}
