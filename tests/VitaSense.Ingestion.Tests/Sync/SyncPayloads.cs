using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace VitaSense.Ingestion.Tests.Sync;

/// <summary>Hand-written Health Auto Export payloads, in the shapes the app sends.</summary>
public static class SyncPayloads
{
    /// <summary>A time <paramref name="hoursAgo"/> hours ago, in the app's format with a Pacific-like offset.</summary>
    public static string At(double hoursAgo, int offsetHours = -8)
    {
        var instant = DateTimeOffset.UtcNow.AddHours(-hoursAgo);
        var local = instant.ToOffset(TimeSpan.FromHours(offsetHours));
        var seconds = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, local.Offset);
        return seconds.ToString("yyyy-MM-dd HH:mm:ss ", CultureInfo.InvariantCulture) + (offsetHours < 0 ? "-" : "+") + Math.Abs(offsetHours).ToString("00", CultureInfo.InvariantCulture) + "00";
    }

    /// <summary>One of each shape: quantities, heart rate, blood pressure, both sleep forms, glucose, insulin, both workout formats, ECG, symptoms, state of mind, an unknown metric.</summary>
    public static string EveryShape(string source = "My Apple Watch") => $$"""
        {"data": {
          "metrics": [
            {"name": "step_count", "units": "count", "data": [
              {"qty": 1200, "date": "{{At(30)}}", "source": "My iPhone|{{source}}"},
              {"qty": 800, "date": "{{At(29)}}", "source": "{{source}}"}]},
            {"name": "weight_body_mass", "units": "lb", "data": [{"qty": 165.3, "date": "{{At(28)}}", "source": "Scale"}]},
            {"name": "heart_rate", "units": "count/min", "data": [
              {"Min": 58, "Avg": 64.5, "Max": 71, "date": "{{At(27)}}", "source": "{{source}}"},
              {"Min": 60, "Avg": 66, "Max": 75, "date": "{{At(26.9)}}", "source": "{{source}}"}]},
            {"name": "blood_pressure", "units": "mmHg", "data": [{"systolic": 122, "diastolic": 79, "date": "{{At(26)}}", "source": "Omron"}]},
            {"name": "sleep_analysis", "units": "hr", "data": [
              {"date": "{{At(20)[..10]}}", "totalSleep": 7.2, "asleep": 0, "core": 3.9, "deep": 1.1, "rem": 2.2, "awake": 0.4,
               "sleepStart": "{{At(30)}}", "sleepEnd": "{{At(22.4)}}", "inBed": 7.8, "inBedStart": "{{At(30.2)}}", "inBedEnd": "{{At(22.3)}}", "source": "{{source}}"},
              {"startDate": "{{At(25)}}", "endDate": "{{At(24.5)}}", "value": "Deep", "qty": 0.5, "source": "{{source}}"}]},
            {"name": "blood_glucose", "units": "mmol/L", "data": [{"qty": 5.5, "date": "{{At(25)}}", "mealTime": "Before Meal", "source": "Dexcom"}]},
            {"name": "insulin_delivery", "units": "IU", "data": [{"qty": 4, "date": "{{At(24)}}", "reason": "Bolus", "source": "Pump"}]},
            {"name": "vo2max", "units": "ml/(kg·min)", "data": [{"qty": 41.2, "date": "{{At(23)}}", "source": "{{source}}"}]},
            {"name": "made_up_metric", "units": "zorks", "data": [{"qty": 3, "date": "{{At(23)}}", "source": "Lab"}]}
          ],
          "workouts": [
            {"id": "W-{{Guid.NewGuid():N}}", "name": "Outdoor Run", "start": "{{At(22)}}", "end": "{{At(21.5)}}", "duration": 1800,
             "activeEnergyBurned": {"qty": 320, "units": "kcal"}, "distance": {"qty": 5.1, "units": "km"},
             "heartRateData": [{"date": "{{At(21.9)}}", "Min": 120, "Avg": 135, "Max": 150, "units": "count/min", "source": "{{source}}"}],
             "route": [{"latitude": 37.33, "longitude": -122.03, "altitude": 12.5, "timestamp": "{{At(21.9)}}", "speed": 3.1},
                       {"latitude": 37.331, "longitude": -122.031, "altitude": 12.9, "timestamp": "{{At(21.8)}}", "speed": 3.2}]},
            {"name": "Walking", "start": "{{At(20)}}", "end": "{{At(19.5)}}", "duration": 1800,
             "heartRateData": [{"date": "{{At(19.9)}}", "qty": 98, "units": "count/min"}],
             "route": [{"lat": 37.33, "lon": -122.03, "altitude": 10, "timestamp": "{{At(19.9)}}"}]}
          ],
          "ecg": [{"classification": "Sinus Rhythm", "averageHeartRate": 68, "numberOfVoltageMeasurements": 3, "samplingFrequency": 512,
                   "source": "{{source}}", "start": "{{At(18)}}", "end": "{{At(17.99)}}",
                   "voltageMeasurements": [{"date": "{{At(18)}}", "voltage": 0.0001, "units": "V"}, {"date": "{{At(18)}}", "voltage": 0.0002, "units": "V"}, {"date": "{{At(18)}}", "voltage": -0.0001, "units": "V"}]}],
          "symptoms": [{"name": "Headache", "severity": "Mild", "start": "{{At(17)}}", "end": "{{At(16)}}", "userEntered": true, "source": "Health"}],
          "stateOfMind": [{"id": "S-1", "kind": "momentaryEmotion", "start": "{{At(15)}}", "end": "{{At(15)}}", "valence": 0.4, "labels": ["Calm"], "source": "Health"}]
        }
        }
        """;

    /// <summary>A body with one metric holding <paramref name="points"/> (raw JSON objects).</summary>
    public static string Metric(string name, string units, params string[] points) =>
        $$$"""{"data":{"metrics":[{"name":"{{{name}}}","units":"{{{units}}}","data":[{{{string.Join(",", points)}}}]}]}}""";

    /// <summary>A JSON body.</summary>
    public static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
