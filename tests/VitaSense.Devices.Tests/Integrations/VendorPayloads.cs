using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// Payloads in each vendor's documented format (written from the public API references: Fitbit Web API, Oura API
/// v2, Withings measure/getmeas, Dexcom API v3, WHOOP API v2, Garmin Health API push, Google Health API v4),
/// served for <see cref="Day"/> (yesterday, UTC), with the values the tests expect after mapping.
/// </summary>
public static class VendorPayloads
{
    public static readonly DateOnly Day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));

    public static string D => Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Before => Day.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static long Unix(string isoWithOffset) => DateTimeOffset.Parse(isoWithOffset, CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    public static void RegisterAll(IntegrationsFactory factory)
    {
        Fitbit(factory.Vendors["fitbit"]);
        Oura(factory.Vendors["oura"], factory);
        Withings(factory.Vendors["withings"]);
        Dexcom(factory.Vendors["dexcom"]);
        Whoop(factory.Vendors["whoop"]);
        Garmin(factory.Vendors["garmin"], factory);
        GoogleHealth(factory.Vendors["google_health"]);
    }

    public const string FitbitHeartPath = "/1/user/-/activities/heart/date/";

    private static void Fitbit(FakeVendorServer fitbit)
    {
        fitbit.TokenExtras["user_id"] = "FB123";
        fitbit.Route("/1/user/-/profile.json", _ => new { user = new { encodedId = "FB123", offsetFromUTCMillis = 3_600_000, timezone = "Europe/Paris" } });
        fitbit.Route(FitbitHeartPath + "*", context =>
        {
            var date = context.Request.Path.Value!.Split('/')[7];
            return date == D
                ? $$$"""
                  {"activities-heart": [{"dateTime": "{{{D}}}", "value": {"customHeartRateZones": [], "heartRateZones": [{"caloriesOut": 1200.5, "max": 94, "min": 30, "minutes": 1100, "name": "Out of Range"}], "restingHeartRate": 58}}],
                   "activities-heart-intraday": {"dataset": [{"time": "08:00:00", "value": 61}, {"time": "08:01:00", "value": 62}, {"time": "08:02:00", "value": 63}], "datasetInterval": 1, "datasetType": "minute"}}
                  """
                : $$$"""{"activities-heart": [{"dateTime": "{{{date}}}", "value": {"customHeartRateZones": [], "heartRateZones": []}}], "activities-heart-intraday": {"dataset": [], "datasetInterval": 1, "datasetType": "minute"}}""";
        });
        fitbit.Route("/1.2/user/-/sleep/date/*", _ => $$$"""
            {"sleep": [{"dateOfSleep": "{{{D}}}", "duration": 27000000, "efficiency": 93, "endTime": "{{{D}}}T07:00:00.000", "infoCode": 0, "isMainSleep": true,
              "levels": {"data": [
                {"dateTime": "{{{Before}}}T23:30:00.000", "level": "wake", "seconds": 600},
                {"dateTime": "{{{Before}}}T23:40:00.000", "level": "light", "seconds": 3600},
                {"dateTime": "{{{D}}}T00:40:00.000", "level": "deep", "seconds": 5400},
                {"dateTime": "{{{D}}}T02:10:00.000", "level": "rem", "seconds": 2400}],
                "shortData": [], "summary": {"deep": {"count": 1, "minutes": 90, "thirtyDayAvgMinutes": 80} } },
              "logId": 26013218219, "minutesAfterWakeup": 0, "minutesAsleep": 420, "minutesAwake": 30, "minutesToFallAsleep": 0,
              "startTime": "{{{Before}}}T23:30:00.000", "timeInBed": 450, "type": "stages"}],
             "summary": {"totalMinutesAsleep": 420, "totalSleepRecords": 1, "totalTimeInBed": 450}}
            """);
        fitbit.Route("/1/user/-/activities/date/*", context =>
        {
            var date = Path.GetFileNameWithoutExtension(context.Request.Path.Value!);
            return date == D
                ? """{"activities": [], "goals": {"steps": 10000}, "summary": {"activityCalories": 512, "caloriesOut": 2300, "distances": [{"activity": "total", "distance": 6.21}, {"activity": "tracker", "distance": 6.21}], "steps": 8432, "restingHeartRate": 58}}"""
                : """{"activities": [], "goals": {"steps": 10000}, "summary": {"activityCalories": 100, "caloriesOut": 1800, "distances": [], "steps": 1000}}""";
        });
        fitbit.Route("/1/user/-/devices.json", _ => """
            [{"battery": "High", "batteryLevel": 80, "deviceVersion": "Charge 5", "features": [], "id": "2570612980", "lastSyncTime": "2024-01-01T10:00:00.000", "mac": "AB12CD34", "type": "TRACKER"}]
            """);
    }

    public const string OuraHeartPath = "/v2/usercollection/heartrate";

    private static void Oura(FakeVendorServer oura, IntegrationsFactory factory)
    {
        oura.Route(OuraHeartPath, context => context.Request.Query["next_token"] == "page-2"
            ? $$$"""{"data": [{"bpm": 60, "source": "awake", "timestamp": "{{{D}}}T09:00:00+00:00"}], "next_token": null}"""
            : $$$"""{"data": [{"bpm": 55, "source": "rest", "timestamp": "{{{D}}}T03:00:00+00:00"}, {"bpm": 57, "source": "rest", "timestamp": "{{{D}}}T03:05:00+00:00"}], "next_token": "page-2"}""");
        oura.Route("/v2/usercollection/daily_sleep", _ => $$$"""
            {"data": [{"id": "ds-1", "contributors": {"deep_sleep": 80, "efficiency": 90, "latency": 70, "rem_sleep": 85, "restfulness": 75, "timing": 95, "total_sleep": 88},
              "day": "{{{D}}}", "score": 82, "timestamp": "{{{D}}}T00:00:00+00:00"}], "next_token": null}
            """);
        oura.Route("/v2/usercollection/sleep", _ => $$$"""
            {"data": [{"id": "sl-1", "average_breath": 14.5, "average_heart_rate": 52.3, "average_hrv": 62, "awake_time": 1800,
              "bedtime_end": "{{{D}}}T07:00:00+02:00", "bedtime_start": "{{{Before}}}T23:10:00+02:00", "day": "{{{D}}}", "deep_sleep_duration": 5400, "efficiency": 93,
              "latency": 600, "light_sleep_duration": 14400, "lowest_heart_rate": 48, "rem_sleep_duration": 5400, "restless_periods": 120,
              "time_in_bed": 28200, "total_sleep_duration": 25200, "type": "long_sleep"}], "next_token": null}
            """);
        oura.Route("/v2/usercollection/personal_info", _ => new { id = factory.OuraUserId, age = 31, weight = 74.8, height = 1.8, biological_sex = "female", email = "member@example.com" });
        oura.Route("/v2/usercollection/ring_configuration", _ => """
            {"data": [{"id": "ring-1", "color": "silver", "design": "heritage", "firmware_version": "2.9.1", "hardware_type": "gen3", "set_up_at": "2023-01-01T00:00:00+00:00", "size": 9}], "next_token": null}
            """);
    }

    private static void Withings(FakeVendorServer withings)
    {
        withings.TokenExtras["userid"] = 363;
        withings.Route("/measure", context => context.Request.Form["offset"] == "1"
            ? $$$"""
              {"status": 0, "body": {"updatetime": 1700000000, "timezone": "Europe/Paris", "more": 0, "offset": 0, "measuregrps": [
                {"grpid": 2, "attrib": 0, "date": {{{Unix($"{D}T07:05:00Z")}}}, "created": 1700000000, "modified": 1700000000, "category": 1, "deviceid": "scale-1", "hash_deviceid": "scale-1",
                 "measures": [{"value": 120, "type": 10, "unit": 0, "algo": 0, "fm": 3}, {"value": 80, "type": 9, "unit": 0, "algo": 0, "fm": 3}, {"value": 64, "type": 11, "unit": 0, "algo": 0, "fm": 3},
                              {"value": 97, "type": 54, "unit": 0, "algo": 0, "fm": 3}, {"value": 3690, "type": 71, "unit": -2, "algo": 0, "fm": 3}], "comment": null},
                {"grpid": 3, "attrib": 0, "date": {{{Unix($"{D}T07:06:00Z")}}}, "created": 1700000000, "modified": 1700000000, "category": 1, "deviceid": "cuff-9", "hash_deviceid": "cuff-9",
                 "measures": [{"value": 131, "type": 10, "unit": 0}, {"value": 85, "type": 9, "unit": 0}], "comment": null}]}}
              """
            : $$$"""
              {"status": 0, "body": {"updatetime": 1700000000, "timezone": "Europe/Paris", "more": 1, "offset": 1, "measuregrps": [
                {"grpid": 1, "attrib": 0, "date": {{{Unix($"{D}T07:00:00Z")}}}, "created": 1700000000, "modified": 1700000000, "category": 1, "deviceid": "scale-1", "hash_deviceid": "scale-1",
                 "measures": [{"value": 72350, "type": 1, "unit": -3, "algo": 0, "fm": 3}, {"value": 2250, "type": 6, "unit": -2, "algo": 0, "fm": 3}, {"value": 178, "type": 4, "unit": -2, "algo": 0, "fm": 3}], "comment": null}]}}
              """);
        withings.Route("/v2/user", _ => """
            {"status": 0, "body": {"devices": [
              {"type": "Scale", "model": "Body Cardio", "model_id": 6, "battery": "high", "deviceid": "scale-1", "hash_deviceid": "scale-1", "timezone": "Europe/Paris", "last_session_date": 1700000000},
              {"type": "Sleep Monitor", "model": "Sleep Analyzer", "model_id": 63, "battery": "high", "deviceid": "sleep-1", "hash_deviceid": "sleep-1", "timezone": "Europe/Paris", "last_session_date": 1700000000},
              {"type": "Activity Tracker", "model": "ScanWatch", "model_id": 93, "battery": "medium", "deviceid": "watch-1", "hash_deviceid": "watch-1", "timezone": "Europe/Paris", "last_session_date": 1700000000}]}}
            """);
        withings.Route("/v2/measure", context => context.Request.Form["action"] != "getactivity"
            ? """{"status": 2555, "error": "Unknown action"}"""
            : $$$"""
              {"status": 0, "body": {"activities": [
                {"date": "{{{D}}}", "timezone": "Europe/Paris", "deviceid": "watch-1", "hash_deviceid": "watch-1", "brand": 1, "is_tracker": true,
                 "steps": 9120, "distance": 6840.5, "elevation": 12, "soft": 3000, "moderate": 1200, "intense": 300, "active": 1500, "calories": 389.5, "totalcalories": 2210.2},
                {"date": "{{{D}}}", "timezone": "Europe/Paris", "deviceid": "phone-7", "hash_deviceid": "phone-7", "brand": 18, "is_tracker": false, "steps": 4000, "distance": 3000, "calories": 120}],
               "more": false, "offset": 0}}
              """);
        withings.Route("/v2/sleep", context => context.Request.Form["action"] != "getsummary"
            ? """{"status": 2555, "error": "Unknown action"}"""
            : $$$"""
              {"status": 0, "body": {"series": [
                {"timezone": "Europe/Paris", "model": 32, "model_id": 63, "startdate": {{{Unix($"{Before}T22:30:00Z")}}}, "enddate": {{{Unix($"{D}T05:30:00Z")}}}, "date": "{{{D}}}",
                 "created": 1700000000, "modified": 1700000000,
                 "data": {"wakeupduration": 1800, "lightsleepduration": 12600, "deepsleepduration": 5400, "remsleepduration": 5400, "wakeupcount": 2,
                          "durationtosleep": 600, "total_sleep_time": 23400, "hr_average": 56, "rr_average": 13}}],
               "more": false, "offset": 0}}
              """);
    }

    private static void Dexcom(FakeVendorServer dexcom)
    {
        dexcom.Route("/v3/users/self/egvs", _ => $$$"""
            {"recordType": "egv", "recordVersion": "3.0", "userId": "dex-user-1", "records": [
              {"recordId": "r1", "systemTime": "{{{D}}}T10:00:00", "displayTime": "{{{D}}}T05:00:00", "transmitterId": "TX1", "transmitterTicks": 5000, "value": 110, "trend": "flat", "trendRate": 0.2, "unit": "mg/dL", "rateUnit": "mg/dL/min", "displayDevice": "iOS", "transmitterGeneration": "g7", "status": null},
              {"recordId": "r2", "systemTime": "{{{D}}}T10:05:00", "displayTime": "{{{D}}}T05:05:00", "transmitterId": "TX1", "transmitterTicks": 5300, "value": 124, "trend": "fortyFiveUp", "trendRate": 1.4, "unit": "mg/dL", "rateUnit": "mg/dL/min", "displayDevice": "iOS", "transmitterGeneration": "g7", "status": null},
              {"recordId": "r3", "systemTime": "{{{D}}}T10:10:00", "displayTime": "{{{D}}}T05:10:00", "transmitterId": "TX1", "transmitterTicks": 5600, "value": null, "trend": "none", "trendRate": null, "unit": "mg/dL", "rateUnit": "mg/dL/min", "displayDevice": "iOS", "transmitterGeneration": "g7", "status": "low"}]}
            """);
        dexcom.Route("/v3/users/self/devices", _ => """
            {"recordType": "device", "recordVersion": "3.0", "userId": "dex-user-1", "records": [{"lastUploadDate": "2024-01-01T10:00:00", "transmitterId": "TX1", "transmitterGeneration": "g7", "displayDevice": "iOS", "displayApp": "G7", "alertSchedules": []}]}
            """);
    }

    public const string WhoopRecoveryPath = "/v2/recovery";

    private static void Whoop(FakeVendorServer whoop)
    {
        whoop.Route(WhoopRecoveryPath, context => context.Request.Query["nextToken"] == "MTIzOjEyMzEyMw"
            ? $$$"""
              {"records": [{"cycle_id": 93846, "sleep_id": "b0a6f6b2-0000-4000-8000-000000000002", "user_id": 10129, "created_at": "{{{D}}}T12:00:00.000Z", "updated_at": "{{{D}}}T12:00:00.000Z",
                "score_state": "SCORED", "score": {"user_calibrating": false, "recovery_score": 70, "resting_heart_rate": 55, "hrv_rmssd_milli": 48.5, "spo2_percentage": 97.1, "skin_temp_celsius": 33.9}},
                {"cycle_id": 93847, "sleep_id": "b0a6f6b2-0000-4000-8000-000000000003", "user_id": 10129, "created_at": "{{{D}}}T13:00:00.000Z", "updated_at": "{{{D}}}T13:00:00.000Z", "score_state": "PENDING_SCORE"}]}
              """
            : $$$"""
              {"records": [{"cycle_id": 93845, "sleep_id": "b0a6f6b2-0000-4000-8000-000000000001", "user_id": 10129, "created_at": "{{{D}}}T11:25:44.774Z", "updated_at": "{{{D}}}T14:25:44.774Z",
                "score_state": "SCORED", "score": {"user_calibrating": false, "recovery_score": 44, "resting_heart_rate": 64, "hrv_rmssd_milli": 31.813562, "spo2_percentage": 95.6875, "skin_temp_celsius": 33.7}}],
               "next_token": "MTIzOjEyMzEyMw"}
              """);
        whoop.Route("/v2/activity/sleep", _ => $$$"""
            {"records": [{"id": "ecfc6a15-4661-442f-a9a4-f160dd7afae8", "cycle_id": 93845, "user_id": 10129, "created_at": "{{{D}}}T11:25:44.774Z", "updated_at": "{{{D}}}T14:25:44.774Z",
              "start": "{{{D}}}T02:25:44.774Z", "end": "{{{D}}}T10:25:44.774Z", "timezone_offset": "-05:00", "nap": false, "score_state": "SCORED",
              "score": {"stage_summary": {"total_in_bed_time_milli": 30272735, "total_awake_time_milli": 1403507, "total_no_data_time_milli": 0, "total_light_sleep_time_milli": 14905851,
                "total_slow_wave_sleep_time_milli": 6630370, "total_rem_sleep_time_milli": 5879573, "sleep_cycle_count": 3, "disturbance_count": 12},
                "sleep_needed": {"baseline_milli": 27395716, "need_from_sleep_debt_milli": 352230, "need_from_recent_strain_milli": 208595, "need_from_recent_nap_milli": -12312},
                "respiratory_rate": 16.11328125, "sleep_performance_percentage": 98, "sleep_consistency_percentage": 90, "sleep_efficiency_percentage": 91.69533848}}], "next_token": null}
            """);
        whoop.Route("/v2/activity/workout", _ => $$$"""
            {"records": [{"id": "ecfc6a15-4661-442f-a9a4-f160dd7afae9", "user_id": 10129, "created_at": "{{{D}}}T18:00:00.000Z", "updated_at": "{{{D}}}T18:00:00.000Z",
              "start": "{{{D}}}T17:00:00.000Z", "end": "{{{D}}}T17:45:00.000Z", "timezone_offset": "-05:00", "sport_name": "running", "score_state": "SCORED",
              "score": {"strain": 8.2463, "average_heart_rate": 123, "max_heart_rate": 146, "kilojoule": 1569.34, "percent_recorded": 100, "distance_meter": 1772.77,
                "altitude_gain_meter": 46.64, "altitude_change_meter": -0.78, "zone_durations": {"zone_zero_milli": 0, "zone_one_milli": 68, "zone_two_milli": 0, "zone_three_milli": 0, "zone_four_milli": 0, "zone_five_milli": 0} } }], "next_token": null}
            """);
        whoop.Route("/v2/cycle", _ => $$$"""
            {"records": [{"id": 93845, "user_id": 10129, "created_at": "{{{D}}}T11:25:44.774Z", "updated_at": "{{{D}}}T14:25:44.774Z", "start": "{{{D}}}T06:00:00.000Z", "end": null,
              "timezone_offset": "-05:00", "score_state": "SCORED", "score": {"strain": 5.2951527, "kilojoule": 8288.297, "average_heart_rate": 68, "max_heart_rate": 141}}], "next_token": null}
            """);
        whoop.Route("/v2/user/profile/basic", _ => """{"user_id": 10129, "email": "member@example.com", "first_name": "John", "last_name": "Smith"}""");
    }

    private static void Garmin(FakeVendorServer garmin, IntegrationsFactory factory) =>
        garmin.Route("/wellness-api/rest/user/id", _ => new { userId = factory.GarminUserId });

    /// <summary>A Garmin Health API push for <paramref name="garminUserId"/>: one daily (with heart rate samples), one sleep, one activity.</summary>
    public static string GarminPush(string garminUserId) => $$$"""
        {"dailies": [{"userId": "{{{garminUserId}}}", "userAccessToken": "token-ignored", "summaryId": "x1-{{{D}}}", "calendarDate": "{{{D}}}",
            "startTimeInSeconds": {{{Unix($"{D}T00:00:00+01:00")}}}, "startTimeOffsetInSeconds": 3600, "activityType": "WALKING", "durationInSeconds": 86400,
            "steps": 10234, "distanceInMeters": 7800.5, "activeTimeInSeconds": 5400, "activeKilocalories": 410, "bmrKilocalories": 1700,
            "restingHeartRateInBeatsPerMinute": 52, "averageHeartRateInBeatsPerMinute": 70, "maxHeartRateInBeatsPerMinute": 150,
            "timeOffsetHeartRateSamples": {"0": 60, "15": 62, "30": 65}}],
         "sleeps": [{"userId": "{{{garminUserId}}}", "userAccessToken": "token-ignored", "summaryId": "x2-{{{D}}}", "calendarDate": "{{{D}}}",
            "durationInSeconds": 27000, "startTimeInSeconds": {{{Unix($"{Before}T23:00:00+01:00")}}}, "startTimeOffsetInSeconds": 3600,
            "deepSleepDurationInSeconds": 5400, "lightSleepDurationInSeconds": 14400, "remSleepInSeconds": 5400, "awakeDurationInSeconds": 1800, "validation": "DEVICE"}],
         "activities": [{"userId": "{{{garminUserId}}}", "userAccessToken": "token-ignored", "summaryId": "x3", "activityType": "RUNNING",
            "startTimeInSeconds": {{{Unix($"{D}T18:00:00+01:00")}}}, "startTimeOffsetInSeconds": 3600, "durationInSeconds": 1800,
            "averageHeartRateInBeatsPerMinute": 140, "maxHeartRateInBeatsPerMinute": 171, "activeKilocalories": 320, "distanceInMeters": 5012.3, "steps": 4800}]}
        """;

    public const string GoogleHeartPath = "/v4/users/me/dataTypes/heart-rate/dataPoints";

    private static void GoogleHealth(FakeVendorServer google)
    {
        google.Route(GoogleHeartPath, context => context.Request.Query["pageToken"] == "p2"
            ? $$$"""{"dataPoints": [{"dataSource": {"recordingMethod": "PASSIVELY_MEASURED", "device": {"formFactor": "WATCH"}}, "heartRate": {"sampleTime": {"physicalTime": "{{{D}}}T08:01:00Z"}, "beatsPerMinute": "74"}}]}"""
            : $$$"""{"dataPoints": [{"dataSource": {"recordingMethod": "PASSIVELY_MEASURED", "device": {"formFactor": "WATCH"}}, "heartRate": {"sampleTime": {"physicalTime": "{{{D}}}T08:00:00Z"}, "beatsPerMinute": "72"}}], "nextPageToken": "p2"}""");
        google.Route("/v4/users/me/dataTypes/steps/dataPoints", _ => $$$"""
            {"dataPoints": [{"dataSource": {"recordingMethod": "PASSIVELY_MEASURED"}, "steps": {"interval": {"startTime": "{{{D}}}T08:00:00Z", "endTime": "{{{D}}}T08:15:00Z"}, "count": "1200"}}]}
            """);
    }
}
