using System.Security.Cryptography;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace VitaSense.Agents.Ml;

/// <summary>
/// Sliding-window anomaly model for one stream: ML.NET <c>RandomizedPca</c> trained on windows of the stream's
/// own history (normalised by its median and MAD). ML.NET's own PCA score is the residual divided by the
/// window's norm, so it is scale-free and blind to a large excursion along a principal direction (a level
/// jump that keeps the window's shape). The calibrated score therefore takes the larger of the reconstruction
/// residual and the distance inside the principal subspace (per-component standard deviations), each relative
/// to its 99th percentile on the training windows, and maps that ratio r to r²/(1+r²) in [0, 1]:
/// a window as unusual as the training set's 1 % tail scores 0.5, three times that scores 0.9.
/// Immutable and thread-safe once built: train on a background thread, swap the reference, keep scoring.
/// </summary>
public sealed class PcaAnomalyModel
{
    /// <summary>Serialisation format; <see cref="Load"/> refuses any other.</summary>
    public const string FormatVersion = "vitasense-pca-window/1";

    /// <summary>Default window length (values per feature vector).</summary>
    public const int DefaultWindowLength = 16;

    /// <summary>Fewest training windows a model is built from; less history yields no model.</summary>
    public const int MinimumWindows = 64;

    // More windows than this add training time but little information: longer histories are strided.
    private const int MaximumWindows = 4096;
    private const int MaximumRank = 4;
    private const double CalibrationQuantile = 0.99;
    // A window whose normalised variance is below this is a constant stretch; the trainer needs some spread.
    private const double FlatVariance = 1e-8;
    private const double Jitter = 0.01;
    private const int Seed = 1;
    private const string FeaturesColumn = "Features";

    private readonly double _median;
    private readonly double _scale;
    private readonly double[] _mean;
    private readonly double[][] _components;
    private readonly double[] _componentStdDev;
    private readonly double _residualQuantile;
    private readonly double _subspaceQuantile;
    private readonly byte[] _mlModel;

    private PcaAnomalyModel(
        int windowLength, double median, double scale, double[] componentStdDev,
        double residualQuantile, double subspaceQuantile, int trainingWindows, byte[] mlModel,
        (double[] Mean, double[][] Components) subspace)
    {
        WindowLength = windowLength;
        _median = median;
        _scale = scale;
        _componentStdDev = componentStdDev;
        _residualQuantile = residualQuantile;
        _subspaceQuantile = subspaceQuantile;
        TrainingWindows = trainingWindows;
        _mlModel = mlModel;
        (_mean, _components) = subspace;
        Version = $"{FormatVersion};w={windowLength};rank={_components.Length};n={trainingWindows};" +
            Convert.ToHexStringLower(SHA256.HashData(mlModel))[..12];
    }

    /// <summary>Values per window that <see cref="Score"/> expects.</summary>
    public int WindowLength { get; }

    /// <summary>Number of windows the model was trained on.</summary>
    public int TrainingWindows { get; }

    /// <summary>Identifies this model: format, window, rank, training size and a hash of the ML.NET model.</summary>
    public string Version { get; }

    /// <summary>
    /// Trains on <paramref name="history"/> (oldest first). CPU-bound, meant for a background thread.
    /// Returns null when the history yields fewer than <see cref="MinimumWindows"/> windows.
    /// Constant stretches are jittered (deterministically), so a flat history still trains.
    /// </summary>
    public static PcaAnomalyModel? Train(IReadOnlyList<double> history, int windowLength = DefaultWindowLength)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowLength, 4);
        var finite = history.Where(double.IsFinite).ToArray();
        var available = finite.Length - windowLength + 1;
        if (available < MinimumWindows)
        {
            return null;
        }

        var (median, scale) = RobustLocationScale(finite);
        var stride = Math.Max(1, (available + MaximumWindows - 1) / MaximumWindows);
        var random = new Random(Seed);
        var windows = new List<float[]>(available / stride + 1);
        for (var start = 0; start < available; start += stride)
        {
            var window = new double[windowLength];
            for (var k = 0; k < windowLength; k++)
            {
                window[k] = (finite[start + k] - median) / scale;
            }

            if (Variance(window) < FlatVariance)
            {
                // RandomizedPca fails on a rank-deficient sample (a flat history); a little noise keeps it well posed.
                for (var k = 0; k < windowLength; k++)
                {
                    window[k] += Jitter * (random.NextDouble() - 0.5);
                }
            }

            windows.Add(Array.ConvertAll(window, v => (float)v));
        }

        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(windows.Select(w => new WindowRow { Features = w }), Schema(windowLength));
        var rank = Math.Min(MaximumRank, windowLength - 1);
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(FeaturesColumn, rank: rank, ensureZeroMean: true, seed: Seed);
        ITransformer transformer;
        try
        {
            transformer = trainer.Fit(data);
        }
        catch (InvalidOperationException)
        {
            // Still degenerate after the jitter (a sample ML.NET rejects): no model, the stream keeps its robust scores.
            return null;
        }

        using var stream = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, stream);
        var bytes = stream.ToArray();

        // Read back from the saved bytes, so a loaded model scores exactly like the freshly trained one.
        // Calibrate against the training windows themselves: their tail defines "unusual" for this stream.
        var (mean, components) = ReadPrincipalSubspace(bytes, windowLength);
        var coordinates = new double[components.Length][];
        var residuals = new double[windows.Count];
        for (var c = 0; c < components.Length; c++)
        {
            coordinates[c] = new double[windows.Count];
        }

        Span<double> projection = stackalloc double[components.Length];
        Span<double> values = stackalloc double[windowLength];
        for (var i = 0; i < windows.Count; i++)
        {
            for (var k = 0; k < windowLength; k++)
            {
                values[k] = windows[i][k];
            }

            residuals[i] = Project(values, mean, components, projection);
            for (var c = 0; c < components.Length; c++)
            {
                coordinates[c][i] = projection[c];
            }
        }

        var stdDev = coordinates.Select(c => Math.Max(Math.Sqrt(c.Select(v => v * v).Average()), 1e-6)).ToArray();
        var subspace = new double[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            double sum = 0;
            for (var c = 0; c < components.Length; c++)
            {
                var z = coordinates[c][i] / stdDev[c];
                sum += z * z;
            }

            subspace[i] = Math.Sqrt(sum);
        }

        // Floors keep a perfectly regular history from turning the smallest deviation into certainty.
        return new PcaAnomalyModel(
            windowLength, median, scale, stdDev,
            Math.Max(Quantile(residuals, CalibrationQuantile), 1e-3),
            Math.Max(Quantile(subspace, CalibrationQuantile), 1.0),
            windows.Count, bytes, (mean, components));
    }

    /// <summary>
    /// Scores the latest <see cref="WindowLength"/> raw values (oldest first) in [0, 1]; 0.5 is the training
    /// windows' 1 % tail. Non-finite values score 1.
    /// </summary>
    public double Score(ReadOnlySpan<double> window)
    {
        if (window.Length != WindowLength)
        {
            throw new ArgumentException($"expected {WindowLength} values, got {window.Length}", nameof(window));
        }

        Span<double> values = stackalloc double[WindowLength];
        for (var k = 0; k < WindowLength; k++)
        {
            if (!double.IsFinite(window[k]))
            {
                return 1.0;
            }

            values[k] = (window[k] - _median) / _scale;
        }

        Span<double> projection = stackalloc double[_components.Length];
        var residual = Project(values, _mean, _components, projection);
        double sum = 0;
        for (var c = 0; c < _components.Length; c++)
        {
            var z = projection[c] / _componentStdDev[c];
            sum += z * z;
        }

        var ratio = Math.Max(residual / _residualQuantile, Math.Sqrt(sum) / _subspaceQuantile);
        var squared = ratio * ratio;
        return double.IsFinite(squared) ? squared / (1 + squared) : 1.0;
    }

    /// <summary>Serialises the model (format version, calibration and the ML.NET model) for persistence.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(FormatVersion);
            writer.Write(WindowLength);
            writer.Write(_median);
            writer.Write(_scale);
            writer.Write(_residualQuantile);
            writer.Write(_subspaceQuantile);
            writer.Write(TrainingWindows);
            writer.Write(_componentStdDev.Length);
            foreach (var s in _componentStdDev)
            {
                writer.Write(s);
            }

            writer.Write(_mlModel.Length);
            writer.Write(_mlModel);
        }

        return stream.ToArray();
    }

    /// <summary>Restores a model written by <see cref="ToBytes"/>; throws <see cref="InvalidDataException"/> on another format.</summary>
    public static PcaAnomalyModel Load(ReadOnlySpan<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray());
        using var reader = new BinaryReader(stream);
        try
        {
            var format = reader.ReadString();
            if (format != FormatVersion)
            {
                throw new InvalidDataException($"unsupported PCA model format '{format}', expected '{FormatVersion}'");
            }

            var windowLength = reader.ReadInt32();
            var median = reader.ReadDouble();
            var scale = reader.ReadDouble();
            var residualQuantile = reader.ReadDouble();
            var subspaceQuantile = reader.ReadDouble();
            var trainingWindows = reader.ReadInt32();
            var stdDev = new double[reader.ReadInt32()];
            for (var c = 0; c < stdDev.Length; c++)
            {
                stdDev[c] = reader.ReadDouble();
            }

            var mlModel = reader.ReadBytes(reader.ReadInt32());
            return new PcaAnomalyModel(
                windowLength, median, scale, stdDev, residualQuantile, subspaceQuantile, trainingWindows, mlModel,
                ReadPrincipalSubspace(mlModel, windowLength));
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("truncated PCA model", ex);
        }
    }

    /// <summary>Projects onto the principal subspace: fills the coordinates, returns the residual's norm.</summary>
    private static double Project(ReadOnlySpan<double> values, double[] mean, double[][] components, Span<double> coordinates)
    {
        double total = 0;
        for (var k = 0; k < values.Length; k++)
        {
            var d = values[k] - mean[k];
            total += d * d;
        }

        double explained = 0;
        for (var c = 0; c < components.Length; c++)
        {
            double dot = 0;
            for (var k = 0; k < values.Length; k++)
            {
                dot += (values[k] - mean[k]) * components[c][k];
            }

            coordinates[c] = dot;
            explained += dot * dot;
        }

        return Math.Sqrt(Math.Max(0, total - explained));
    }

    private static (double[] Mean, double[][] Components) ReadPrincipalSubspace(byte[] mlModel, int windowLength)
    {
        var ml = new MLContext(Seed);
        using var stream = new MemoryStream(mlModel, writable: false);
        var loaded = ml.Model.Load(stream, out _);
        // A loaded transformer is typed by its predictor interface, not PcaModelParameters: unwrap the model.
        var model = ((loaded as TransformerChain<ITransformer>)?.LastTransformer ?? loaded) is IPredictionTransformer<object> prediction
            ? prediction.Model as PcaModelParameters
            : null;
        if (model is null)
        {
            throw new InvalidDataException($"not a PCA anomaly model: {loaded.GetType().Name}");
        }

        var meanBuffer = default(VBuffer<float>);
        model.GetMean(ref meanBuffer);
        var mean = new double[windowLength];
        if (meanBuffer.Length == windowLength)
        {
            var dense = meanBuffer.DenseValues().ToArray();
            for (var k = 0; k < windowLength; k++)
            {
                mean[k] = dense[k];
            }
        }

        VBuffer<float>[] vectors = [];
        model.GetEigenVectors(ref vectors, out var rank);
        var components = new double[rank][];
        for (var c = 0; c < rank; c++)
        {
            components[c] = vectors[c].DenseValues().Select(v => (double)v).ToArray();
        }

        return (mean, components);
    }

    private static SchemaDefinition Schema(int windowLength)
    {
        var schema = SchemaDefinition.Create(typeof(WindowRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, windowLength);
        return schema;
    }

    private static (double Median, double Scale) RobustLocationScale(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var median = sorted[sorted.Length / 2];
        var deviations = sorted.Select(v => Math.Abs(v - median)).ToArray();
        Array.Sort(deviations);
        // MAD as a normal's σ, floored so a flat (or mostly flat) history still has a usable unit.
        var range = sorted[^1] - sorted[0];
        var scale = Math.Max(1.4826 * deviations[deviations.Length / 2], Math.Max(1e-3 * range, 1e-6 * Math.Max(1, Math.Abs(median))));
        return (median, scale);
    }

    private static double Variance(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }

    private static double Quantile(double[] values, double q)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>ML.NET row: one window; the vector length is set per model through the schema definition.</summary>
    private sealed class WindowRow
    {
        public float[] Features { get; set; } = [];
    }
}
